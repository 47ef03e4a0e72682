import type { VisibleColumn } from '../catalog/visible-tables';
import { SqlApiError, SQLSTATE, undefinedColumn } from './plan-error';
import type { SqlType } from './sql-type';

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
  columns: ScopeColumn[];
  /** The view it reads, for a view. */
  view?: string;
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
    const found = relations.flatMap((relation) => relation.columns.filter((c) => c.name === name).map((column) => ({ relation, column })));
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
