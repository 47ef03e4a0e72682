import type { Drift } from './schema-drift';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const TABLE = /^alma\.[a-z][a-z0-9_]*$/;
const INFORMATION_SCHEMA_TYPE: Readonly<Record<string, string>> = {
  text: 'text', date: 'date', timestamptz: 'timestamp with time zone', boolean: 'boolean',
};

function checked(table: string, column: string, type: string): void {
  if (!TABLE.test(table) || !IDENTIFIER.test(column)) throw new Error(`"${table}.${column}" is not a plain table and column name`);
  if (!Object.values(INFORMATION_SCHEMA_TYPE).includes(type)) throw new Error(`${table}.${column}: no migration is written for type "${type}"`);
}

interface Step {
  readonly up: string;
  readonly down: string;
  /** For the file name: add_users_shoe_size. */
  readonly slug: string;
}

function stepFor(drift: Drift): Step {
  switch (drift.kind) {
    case 'missing-table':
      throw new Error(`${drift.table} does not exist: a new table is a migration to write by hand`);
    case 'missing-column': {
      const type = INFORMATION_SCHEMA_TYPE[drift.type]!;
      checked(drift.table, drift.column, type);
      return {
        up: `ALTER TABLE ${drift.table} ADD COLUMN ${drift.column} ${type}`,
        down: `ALTER TABLE ${drift.table} DROP COLUMN ${drift.column}`,
        slug: `add_${drift.table.slice('alma.'.length)}_${drift.column}`,
      };
    }
    case 'wrong-type': {
      const type = INFORMATION_SCHEMA_TYPE[drift.type]!;
      checked(drift.table, drift.column, type);
      checked(drift.table, drift.column, drift.actual);
      return {
        up: `ALTER TABLE ${drift.table} ALTER COLUMN ${drift.column} TYPE ${type} USING ${drift.column}::${type}`,
        down: `ALTER TABLE ${drift.table} ALTER COLUMN ${drift.column} TYPE ${drift.actual} USING ${drift.column}::${drift.actual}`,
        slug: `retype_${drift.table.slice('alma.'.length)}_${drift.column}`,
      };
    }
    case 'extra-column':
      checked(drift.table, drift.column, drift.actual);
      return {
        up: `ALTER TABLE ${drift.table} DROP COLUMN ${drift.column}`,
        // The column comes back empty: its values went with the drop.
        down: `ALTER TABLE ${drift.table} ADD COLUMN ${drift.column} ${drift.actual}`,
        slug: `drop_${drift.table.slice('alma.'.length)}_${drift.column}`,
      };
  }
}

/** The next migration's name: today's date, the next number, and what it does. */
export function nextMigrationName(existing: readonly string[], drifts: readonly Drift[], today: Date): string {
  const numbers = existing.map((name) => Number(/^\d{8}_(\d{4})_/.exec(name)?.[1] ?? 0));
  const next = String(Math.max(0, ...numbers) + 1).padStart(4, '0');
  const date = today.toISOString().slice(0, 10).replaceAll('-', '');
  const slug = drifts.length === 1 ? stepFor(drifts[0]!).slug : 'follow_the_field_list';
  return `${date}_${next}_${slug}`;
}

/**
 * The text of a migration that brings a database from `drifts` to the field list
 * and snapshot fields: literal SQL, so that it stays what it was when written,
 * with a down that undoes each step in reverse order.
 */
export function fieldListMigration(drifts: readonly Drift[], why: readonly string[]): string {
  if (drifts.length === 0) throw new Error('no drift: the migrations already give the columns the field list and the snapshot fields want');
  const steps = drifts.map(stepFor);
  const lines = (sql: readonly string[]) => sql.map((statement) => `  await knex.raw(${JSON.stringify(statement)});`).join('\n');
  return `import type { Knex } from 'knex';

// Written by npm run migrate:make -- --from-field-list for these changes of the field
// list (model/user-details-fields.tsv) or the snapshot fields (model/privacy.yml):
${why.map((line) => `// - ${line}`).join('\n')}
// Literal SQL: a migration is history and must not change when the config changes again.

export async function up(knex: Knex): Promise<void> {
${lines(steps.map((step) => step.up))}
}

export async function down(knex: Knex): Promise<void> {
${lines(steps.map((step) => step.down).reverse())}
}
`;
}

/** migration-source.ts with `name` imported and listed last. */
export function withMigrationRegistered(source: string, name: string): string {
  if (!/^\d{8}_\d{4}_[a-z0-9_]+$/.test(name)) throw new Error(`"${name}" is not a migration name`);
  const base = name.replace(/^\d{8}_\d{4}_/, '').replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  let identifier = base;
  for (let n = 2; source.includes(`import * as ${identifier} `); n++) identifier = `${base}${n}`;
  const imports = [...source.matchAll(/^import \* as \w+ from '\.\.\/\.\.\/migrations\/[^']+';\n/gm)];
  const lastImport = imports.at(-1);
  const listEnd = source.indexOf('\n];', source.indexOf('export const MIGRATIONS'));
  if (!lastImport || listEnd < 0) throw new Error('src/db/migration-source.ts no longer has the import block and MIGRATIONS list this helper edits');
  if (source.includes(`migrations/${name}'`)) throw new Error(`${name} is already listed`);
  const afterImports = lastImport.index + lastImport[0].length;
  const withEntry = `${source.slice(0, listEnd)}\n  { name: '${name}', migration: ${identifier} },${source.slice(listEnd)}`;
  return `${withEntry.slice(0, afterImports)}import * as ${identifier} from '../../migrations/${name}';\n${withEntry.slice(afterImports)}`;
}
