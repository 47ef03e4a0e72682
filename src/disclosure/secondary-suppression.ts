/**
 * Secondary suppression: more cells hidden so that no hidden cell can be
 * recovered by subtracting the visible cells from a margin (a total over some
 * of the dimensions, which the caller may ask for or already know).
 *
 * The rule of thumb statistical offices use: every margin that is itself shown
 * (aggregates at least k people) must cover either no hidden cell or at least
 * two; where it covers exactly one, the visible cell of that margin with the
 * fewest people is hidden too, until nothing changes. Margins are all groupings
 * by a subset of the dimensions when there are few dimensions, otherwise the
 * grand total, each single dimension and each "all but one".
 */

const ALL_SUBSETS_UP_TO = 5;

function marginsOf(dimensionCount: number): number[][] {
  const all = [...Array(dimensionCount).keys()];
  if (dimensionCount <= ALL_SUBSETS_UP_TO) {
    const subsets: number[][] = [];
    for (let mask = 0; mask < (1 << dimensionCount) - 1; mask += 1) subsets.push(all.filter((index) => mask & (1 << index)));
    return subsets;
  }
  return [[], ...all.map((index) => [index]), ...all.map((left) => all.filter((index) => index !== left))];
}

export interface Cell {
  /** The cell's value on each dimension, in a fixed order. */
  readonly coordinates: readonly unknown[];
  readonly people: number;
}

/**
 * The indexes of the cells to hide besides `primary` (which it does not return).
 * @param minCellSize a margin of fewer people than this is suppressed itself and needs no protection
 */
export function secondarySuppression(cells: readonly Cell[], primary: ReadonlySet<number>, minCellSize: number): Set<number> {
  const hidden = new Set(primary);
  const secondary = new Set<number>();
  const dimensionCount = cells[0]?.coordinates.length ?? 0;
  if (hidden.size === 0 || dimensionCount === 0) return secondary;
  // Cells in the order of their coordinates, so the same table gets the same pattern whatever order its rows came in.
  const canonical = cells.map((cell) => JSON.stringify(cell.coordinates));
  const order = [...cells.keys()].sort((a, b) => (canonical[a]! < canonical[b]! ? -1 : canonical[a]! > canonical[b]! ? 1 : 0));
  const groupings = marginsOf(dimensionCount).map((subset) => {
    const groups = new Map<string, number[]>();
    order.forEach((index) => {
      const cell = cells[index]!;
      const key = JSON.stringify(subset.map((dimension) => cell.coordinates[dimension]));
      const members = groups.get(key);
      if (members) members.push(index);
      else groups.set(key, [index]);
    });
    return [...groups.values()].filter((members) => members.reduce((sum, index) => sum + cells[index]!.people, 0) >= minCellSize);
  });
  for (let changed = true; changed;) {
    changed = false;
    for (const groups of groupings) {
      for (const members of groups) {
        if (members.filter((index) => hidden.has(index)).length !== 1) continue;
        const visible = members.filter((index) => !hidden.has(index));
        if (visible.length === 0) continue;
        // The fewest people; among equals the first in coordinate order (members are in that order).
        const smallest = visible.reduce((best, index) => (cells[index]!.people < cells[best]!.people ? index : best));
        hidden.add(smallest);
        secondary.add(smallest);
        changed = true;
      }
    }
  }
  return secondary;
}
