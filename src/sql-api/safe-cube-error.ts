import type { VisibleTable } from './catalog/visible-tables';

/**
 * Cube's error text, unless it names a member this session may not see (a database
 * error can quote generated SQL): then a generic message, so no hidden name leaks.
 */
export function safeCubeErrorMessage(message: string, tables: VisibleTable[]): string {
  const visible = new Set(tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.member), ...t.columns.map((c) => c.name)]));
  const dotted = message.match(/[A-Za-z_][A-Za-z0-9_]*(?:\.|__)[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  // File names in advice (model/privacy.yml) are not members.
  const files = /\.(ya?ml|js|ts|json|md|tsv)$/;
  const leaks = dotted.some((name) => !files.test(name) && !visible.has(name.replace('__', '.')));
  return leaks ? 'Cube could not answer this query; the server log has the details' : message;
}
