import type pg from 'pg';
import * as codes from '../../seeds/code-tables';

const CODE_TABLES: ReadonlyArray<readonly [table: string, rows: readonly codes.CodeRow[]]> = [
  ['alma.user_groups', codes.USER_GROUPS],
  ['alma.job_categories', codes.JOB_CATEGORIES],
  ['alma.genders', codes.GENDERS],
  ['alma.campuses', codes.CAMPUSES],
  ['alma.languages', codes.LANGUAGES],
  ['alma.resource_sharing_libraries', codes.RESOURCE_SHARING_LIBRARIES],
  ['alma.institutions', codes.INSTITUTIONS],
  ['alma.patron_letters', codes.PATRON_LETTERS],
];

/** Every code table, in the order to empty them. */
export const CODE_TABLE_NAMES = [...CODE_TABLES.map(([table]) => table), 'alma.statistical_category_values'];

/** Fills the (emptied) code tables from seeds/code-tables.ts. */
export async function insertCodeTables(client: pg.ClientBase): Promise<void> {
  for (const [table, rows] of CODE_TABLES) {
    await client.query(`INSERT INTO ${table} (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
      [rows.map(([code]) => code), rows.map(([, name]) => name)]);
  }
  const values = Object.entries(codes.STATISTICAL_CATEGORIES).flatMap(([category, rows]) =>
    rows.map(([code, description]) => [Number(category), code, description] as const));
  await client.query(
    `INSERT INTO alma.statistical_category_values (category, code, description)
     SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[])`,
    [values.map((row) => row[0]), values.map((row) => row[1]), values.map((row) => row[2])],
  );
}
