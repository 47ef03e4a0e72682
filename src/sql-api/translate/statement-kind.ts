import type { VisibleTable } from '../catalog/visible-tables';
import { unsupported } from '../sql-api-error';

/**
 * Where a statement is answered: `data` through Cube's load path, `catalog` by the
 * session's PGlite, `session` by the session itself (SET, SHOW, BEGIN...), `empty` for nothing.
 */
export type StatementKind = 'data' | 'catalog' | 'session' | 'empty';

/** Functions that would change or stall the catalog database other sessions share. */
const FORBIDDEN_CATALOG_FUNCTIONS = new Set([
  'set_config', 'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'pg_terminate_backend', 'pg_cancel_backend',
  'lo_import', 'lo_export', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_reload_conf', 'dblink',
  'pg_advisory_lock', 'pg_advisory_xact_lock', 'pg_advisory_lock_shared', 'pg_notify', 'lo_create', 'lo_unlink',
  // These run a query given as text, out of reach of the checks above.
  'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'table_to_xml',
  'table_to_xml_and_xmlschema', 'schema_to_xml', 'schema_to_xml_and_xmlschema', 'database_to_xml', 'database_to_xml_and_xmlschema',
]);

const SESSION_STATEMENTS = new Set(['VariableSetStmt', 'VariableShowStmt', 'TransactionStmt', 'DiscardStmt', 'DeallocateStmt']);

/** Every relation a statement reads, with its schema as written. */
function walk(node: unknown, visit: (key: string, value: any) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node && typeof node === 'object') {
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      visit(key, value);
      walk(value, visit);
    }
  }
}

/** Classifies one parsed statement for this session's tables. */
export function statementKind(node: Record<string, any>, tables: VisibleTable[]): StatementKind {
  const type = Object.keys(node)[0];
  if (!type) return 'empty';
  if (SESSION_STATEMENTS.has(type)) return 'session';
  if (type !== 'SelectStmt') throw unsupported(`Statement ${type.replace(/Stmt$/, '').toUpperCase()}`);
  const names = new Set(tables.map((t) => t.name));
  // Names of WITH queries are neither views nor catalog tables; a WITH may come after a relation
  // that names it (in the tree's order), so relations are counted once the whole tree is read.
  const withNames = new Set<string>();
  const relations: { schemaname?: string; relname: string }[] = [];
  walk(node, (key, value) => {
    if (key === 'CommonTableExpr') {
      withNames.add(value.ctename);
    } else if (key === 'RangeVar') {
      relations.push(value);
    } else if (key === 'FuncCall') {
      const name = (value.funcname as { String: { sval: string } }[]).at(-1)?.String.sval.toLowerCase();
      if (name && FORBIDDEN_CATALOG_FUNCTIONS.has(name)) throw unsupported(`Function ${name}()`);
    } else if (key === 'intoClause' || key === 'lockingClause') {
      throw unsupported(key === 'intoClause' ? 'SELECT INTO' : 'SELECT ... FOR UPDATE/SHARE');
    }
  });
  let cubeTables = 0;
  let otherTables = 0;
  for (const relation of relations) {
    const schema = relation.schemaname;
    if (!schema && withNames.has(relation.relname)) continue;
    if ((!schema || schema === 'public') && names.has(relation.relname)) cubeTables++;
    else otherTables++;
  }
  if (cubeTables && otherTables) throw unsupported('A query that mixes views with catalog tables');
  return cubeTables ? 'data' : 'catalog';
}
