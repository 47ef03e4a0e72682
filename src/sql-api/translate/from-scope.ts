import type { VisibleTable } from '../catalog/visible-tables';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import { dimensionOf, type ResolvedMember } from './resolved-member';

/** A name the select list can use and what it stands for. */
export interface NamedMember {
  name: string;
  member: ResolvedMember;
}

/**
 * The one relation in FROM: a view (columns are its members) or a subquery
 * (columns are the subquery's output columns). Resolves column references.
 */
export class FromScope {
  constructor(
    readonly table: VisibleTable,
    readonly names: string[],
    private readonly columns: NamedMember[],
    /** True for a subquery: its measures are already aggregated. */
    readonly derived: boolean,
  ) {}

  static ofTable(table: VisibleTable, alias?: string): FromScope {
    return new FromScope(
      table,
      [table.name, ...(alias ? [alias] : [])],
      table.columns.map((c) => ({ name: c.name, member: dimensionOf(c) })),
      false,
    );
  }

  /** Every column, in catalog order, for `SELECT *`. */
  star(): NamedMember[] {
    return this.columns;
  }

  /** The member behind `name` or `qualifier.name`; 42703 when there is none. */
  resolve(fields: string[], location?: number): ResolvedMember {
    const name = fields.at(-1)!;
    const qualifier = fields.length > 1 ? fields.at(-2) : undefined;
    if (qualifier !== undefined && !this.names.includes(qualifier)) {
      throw new SqlApiError(SQLSTATE.undefinedTable, `missing FROM-clause entry for table "${qualifier}"`, location);
    }
    const found = this.columns.filter((c) => c.name === name);
    if (found.length > 1) throw new SqlApiError(SQLSTATE.ambiguousColumn, `column reference "${name}" is ambiguous`, location);
    if (!found[0]) {
      const shown = qualifier ? `${qualifier}.${name}` : name;
      throw new SqlApiError(SQLSTATE.undefinedColumn, `column ${JSON.stringify(shown)} does not exist`, location);
    }
    return found[0].member;
  }
}
