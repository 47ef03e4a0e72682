import { pgTypeOf } from '../result/pg-types';
import { quoteIdentifier, quoteLiteral } from './quote-identifier';
import type { VisibleTable } from './visible-tables';

/**
 * The DDL that makes PGlite's catalog describe exactly these tables: one empty table
 * per visible view or cube, one column per visible member, descriptions as comments.
 */
export function catalogDdl(tables: VisibleTable[]): string {
  const statements: string[] = [];
  for (const table of tables) {
    const name = `public.${quoteIdentifier(table.name)}`;
    const columns = table.columns.map((c) => `${quoteIdentifier(c.name)} ${pgTypeOf(c).name}`);
    statements.push(`CREATE TABLE ${name} (${columns.join(', ')});`);
    if (table.description) statements.push(`COMMENT ON TABLE ${name} IS ${quoteLiteral(table.description)};`);
    for (const c of table.columns) {
      if (c.description) {
        statements.push(`COMMENT ON COLUMN ${name}.${quoteIdentifier(c.name)} IS ${quoteLiteral(c.description)};`);
      }
    }
  }
  return statements.join('\n');
}
