import type { VisibleColumn, VisibleTable } from '../catalog/visible-tables';
import { SqlApiError, SQLSTATE, undefinedColumn } from './plan-error';
import { memberType, type SqlType } from './sql-type';

/** A column a relation in FROM provides: a view's member, or an output column of a subquery. */
export interface ScopeColumn {
  name: string;
  type: SqlType;
  /** The Cube member behind a view's column. */
  member?: VisibleColumn;
  /** The generated SQL alias of a subquery's output column. */
  alias?: string;
  /** Of a subquery's column: a cell's coordinate (a grouped dimension), or a value computed over the cell's rows. */
  cell?: 'key' | 'value';
}

/** One relation in FROM: the names it answers to and its columns. */
export interface ScopeRelation {
  /** Table name and alias as written (an alias hides the table name). */
  names: string[];
  /** The SQL alias our generated SQL gives it. */
  alias: string;
  columns: readonly ScopeColumn[];
  /** The view it reads, for a view. */
  view?: string;
}

const VIEW_COLUMNS = new WeakMap<VisibleTable, readonly ScopeColumn[]>();
/** Of each list of columns viewColumns made: the columns by name, in the list's order. */
const BY_NAME = new WeakMap<readonly ScopeColumn[], Map<string, ScopeColumn[]>>();

/**
 * A view's columns as a relation in FROM provides them. Every statement reads its views'
 * columns, so they are worked out once per view object and frozen: a session's tables are
 * replaced, never changed, when its meta is read again.
 */
export function viewColumns(view: VisibleTable): readonly ScopeColumn[] {
  let columns = VIEW_COLUMNS.get(view);
  if (!columns) {
    columns = Object.freeze(view.columns.map((c) => Object.freeze({ name: c.name, type: memberType(c), member: c })));
    const byName = new Map<string, ScopeColumn[]>();
    for (const column of columns) byName.set(column.name, [...(byName.get(column.name) ?? []), column]);
    BY_NAME.set(columns, byName);
    VIEW_COLUMNS.set(view, columns);
  }
  return columns;
}

/** A relation's columns of this name, in order: looked up for a view's frozen columns, else searched. */
function columnsNamed(relation: ScopeRelation, name: string): readonly ScopeColumn[] {
  const byName = BY_NAME.get(relation.columns);
  if (byName) return byName.get(name) ?? [];
  return relation.columns.filter((c) => c.name === name);
}

export interface ResolvedColumn {
  relation: ScopeRelation;
  column: ScopeColumn;
}

/** The relations of one FROM clause; resolves column references as PostgreSQL does. */
export class Scope {
  constructor(readonly relations: ScopeRelation[]) {}

  resolve(fields: string[], location?: number): ResolvedColumn {
    const name = fields.at(-1)!;
    const qualifier = fields.length > 1 ? fields.at(-2)! : undefined;
    if (fields.length > 3) throw new SqlApiError(SQLSTATE.syntaxError, `improper qualified name (too many dotted names): ${fields.join('.')}`, location);
    const relations = qualifier === undefined ? this.relations : this.relations.filter((r) => r.names.includes(qualifier));
    if (qualifier !== undefined && relations.length === 0) {
      throw new SqlApiError(SQLSTATE.undefinedTable, `missing FROM-clause entry for table "${qualifier}"`, location);
    }
    const found = relations.flatMap((relation) => columnsNamed(relation, name).map((column) => ({ relation, column })));
    if (found.length > 1) throw new SqlApiError(SQLSTATE.ambiguousColumn, `column reference "${name}" is ambiguous`, location);
    if (!found[0]) {
      const candidates = relations.flatMap((relation) => relation.columns.map((column) => (qualifier ? `${qualifier}.${column.name}` : column.name)));
      throw undefinedColumn(qualifier ? `${qualifier}.${name}` : name, location, candidates);
    }
    return found[0];
  }

  /** The relations `*` or `name.*` expands to. */
  star(qualifier: string | undefined, location?: number): ResolvedColumn[] {
    const relations = qualifier === undefined ? this.relations : this.relations.filter((r) => r.names.includes(qualifier));
    if (qualifier !== undefined && relations.length === 0) {
      throw new SqlApiError(SQLSTATE.undefinedTable, `missing FROM-clause entry for table "${qualifier}"`, location);
    }
    return relations.flatMap((relation) => relation.columns.map((column) => ({ relation, column })));
  }
}
