/** A member of Cube's /meta answer, as far as the SQL API reads it. */
interface MetaMember {
  name: string;
  type: string;
  aggType?: string;
  description?: string;
  isVisible?: boolean;
  public?: boolean;
}

interface MetaCube {
  name: string;
  type?: string;
  description?: string;
  isVisible?: boolean;
  public?: boolean;
  measures?: MetaMember[];
  dimensions?: MetaMember[];
}

/** One column of a SQL API table: a dimension, or a measure read with MEASURE() or its aggregate. */
export interface VisibleColumn {
  name: string;
  /** Full member name, e.g. `users.user_group`. */
  member: string;
  kind: 'dimension' | 'measure';
  /** Cube type: string | number | time | boolean for dimensions, number etc. for measures. */
  type: string;
  /** For measures: count, sum, avg, min, max, countDistinct... */
  aggType?: string;
  description?: string;
}

/** A view or cube the session may see, as a table. */
export interface VisibleTable {
  name: string;
  description?: string;
  columns: VisibleColumn[];
}

function isShown(item: { isVisible?: boolean; public?: boolean }): boolean {
  return item.isVisible !== false && item.public !== false;
}

/** The part of a member name after the cube: `users.user_group` -> `user_group`. */
function shortName(member: string): string {
  return member.slice(member.indexOf('.') + 1);
}

/**
 * The tables of this session's meta. Cube's meta callback already drops members the
 * access policy hides (isVisible false), except in dev mode; filtering again here keeps
 * hidden cubes and members out of the SQL API in every mode.
 */
export function visibleTables(meta: unknown): VisibleTable[] {
  const cubes = ((meta as { cubes?: MetaCube[] } | null)?.cubes ?? []).filter(isShown);
  return cubes
    .map((cube) => ({
      name: cube.name,
      description: cube.description,
      columns: [
        ...(cube.dimensions ?? []).filter(isShown).map((d): VisibleColumn => ({
          name: shortName(d.name), member: d.name, kind: 'dimension', type: d.type, description: d.description,
        })),
        ...(cube.measures ?? []).filter(isShown).map((m): VisibleColumn => ({
          name: shortName(m.name), member: m.name, kind: 'measure', type: m.type, aggType: m.aggType, description: m.description,
        })),
      ],
    }))
    .filter((t) => t.columns.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}
