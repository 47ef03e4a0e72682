import pg from 'pg';
import { userDetailsFields } from '../user-details/user-details-fields';
import { ACTIVITY_LINK_COLUMNS, USERS_COLUMNS_BEYOND_THE_FIELD_LIST, wantedFieldColumns, type FieldColumns } from './field-columns';
import type { UserColumnType } from './user-columns';

/** A column as information_schema.columns describes it. */
export interface ActualColumn {
  readonly table: string;
  readonly column: string;
  readonly dataType: string;
}

/** One difference between the database and the field list or snapshot fields, and what would fix it. */
export type Drift =
  | { kind: 'missing-table'; table: string }
  | { kind: 'missing-column'; table: string; column: string; type: UserColumnType; source: FieldColumns['source'] }
  | { kind: 'wrong-type'; table: string; column: string; type: UserColumnType; actual: string; source: FieldColumns['source'] }
  | { kind: 'extra-column'; table: string; column: string; actual: string; source: FieldColumns['source'] };

const INFORMATION_SCHEMA_TYPE: Readonly<Record<UserColumnType, string>> = {
  text: 'text',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  boolean: 'boolean',
};

/**
 * Compares the columns a database has with the ones the field list and the
 * snapshot fields want. On alma.users every column must be a field (or one of
 * the few columns beyond the field list); on activity tables the columns named
 * like a User Details field, but for the link to the user, are snapshot copies,
 * and they must be exactly the snapshot fields.
 */
export function compareFieldColumns(actual: readonly ActualColumn[], wanted: readonly FieldColumns[] = wantedFieldColumns()): Drift[] {
  const fieldMembers = new Set(userDetailsFields().map((field) => field.member));
  const drifts: Drift[] = [];
  for (const { table, source, columns } of wanted) {
    const present = new Map(actual.filter((column) => column.table === table).map((column) => [column.column, column.dataType]));
    if (present.size === 0) {
      drifts.push({ kind: 'missing-table', table });
      continue;
    }
    for (const [column, type] of columns) {
      const dataType = present.get(column);
      if (dataType === undefined) drifts.push({ kind: 'missing-column', table, column, type, source });
      else if (dataType !== INFORMATION_SCHEMA_TYPE[type]) drifts.push({ kind: 'wrong-type', table, column, type, actual: dataType, source });
    }
    for (const [column, dataType] of present) {
      if (columns.has(column)) continue;
      const isFieldCopy = table === 'alma.users'
        ? !USERS_COLUMNS_BEYOND_THE_FIELD_LIST.includes(column)
        : fieldMembers.has(column) && !ACTIVITY_LINK_COLUMNS.includes(column);
      if (isFieldCopy) drifts.push({ kind: 'extra-column', table, column, actual: dataType, source });
    }
  }
  return drifts;
}

/** One line per drift, naming the table, the column and the source that wants it otherwise. */
export function describeDrift(drift: Drift): string {
  switch (drift.kind) {
    case 'missing-table':
      return `${drift.table} does not exist`;
    case 'missing-column':
      return `${drift.table}.${drift.column} is missing (${drift.source} has it, as ${drift.type})`;
    case 'wrong-type':
      return `${drift.table}.${drift.column} is ${drift.actual}, ${drift.source} wants ${INFORMATION_SCHEMA_TYPE[drift.type]}`;
    case 'extra-column':
      return drift.table === 'alma.users'
        ? `${drift.table}.${drift.column} (${drift.actual}) is not in ${drift.source} (a column that is no User Details field belongs in USERS_COLUMNS_BEYOND_THE_FIELD_LIST, src/db/field-columns.ts)`
        : `${drift.table}.${drift.column} (${drift.actual}) is not in ${drift.source}`;
  }
}

/** The columns of the project's tables, read from information_schema. */
export async function actualColumns(connectionString: string): Promise<ActualColumn[]> {
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const { rows } = await client.query<ActualColumn>(
      `SELECT table_schema || '.' || table_name AS "table", column_name AS "column", data_type AS "dataType"
         FROM information_schema.columns WHERE table_schema = 'alma' ORDER BY table_name, ordinal_position`);
    return rows;
  } finally {
    await client.end();
  }
}

/** The drift of the database at `connectionString`, as lines; empty when it matches. */
export async function schemaDrift(connectionString: string): Promise<string[]> {
  return compareFieldColumns(await actualColumns(connectionString)).map(describeDrift);
}

export class SchemaDriftError extends Error {
  constructor(readonly drifts: readonly string[]) {
    super(
      `The database does not match model/user-details-fields.tsv and model/privacy.yml (activity_snapshot):\n`
      + drifts.map((line) => `  ${line}\n`).join('')
      + 'A change of the field list or the snapshot fields needs a migration: '
      + 'npm run migrate:make -- --from-field-list writes it, npm run migrate applies it.',
    );
    this.name = 'SchemaDriftError';
  }
}

/** Throws a SchemaDriftError naming every mismatch, if there is any. */
export async function assertNoSchemaDrift(connectionString: string): Promise<void> {
  const drifts = await schemaDrift(connectionString);
  if (drifts.length > 0) throw new SchemaDriftError(drifts);
}
