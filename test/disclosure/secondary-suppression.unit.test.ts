import { describe, expect, it } from 'vitest';
import { secondarySuppression, type Cell } from '../../src/disclosure/secondary-suppression';

const cell = (coordinates: unknown[], people: number): Cell => ({ coordinates, people });

describe('secondary suppression', () => {
  it('hides a second cell of a margin that would otherwise reveal its one hidden cell by subtraction', () => {
    // One row of a campus x group table: the campus total minus the visible cells would give the 3.
    const cells = [cell(['A', 'x'], 3), cell(['A', 'y'], 9), cell(['A', 'z'], 20)];
    const secondary = secondarySuppression(cells, new Set([0]), 5);
    expect([...secondary]).toEqual([1]);
  });

  it('leaves every shown margin of a two-way table with no hidden cell or at least two', () => {
    const people = [[3, 8, 12, 30], [7, 2, 9, 11], [15, 16, 6, 40]];
    const cells = people.flatMap((row, r) => row.map((count, c) => cell([`r${r}`, `c${c}`], count)));
    const primary = new Set(cells.flatMap((one, index) => (one.people < 5 ? [index] : [])));
    const hidden = new Set([...primary, ...secondarySuppression(cells, primary, 5)]);
    for (const dimension of [0, 1]) {
      const margins = new Map<unknown, number[]>();
      cells.forEach((one, index) => margins.set(one.coordinates[dimension], [...(margins.get(one.coordinates[dimension]) ?? []), index]));
      for (const members of margins.values()) expect([0, 2, 3, 4]).toContain(members.filter((index) => hidden.has(index)).length);
    }
    expect(hidden.size === 0 || hidden.size >= 2).toBe(true);
  });

  it('needs no partner where the margin itself has fewer than k people (it is suppressed too)', () => {
    const cells = [cell(['a'], 1), cell(['b'], 2)];
    expect(secondarySuppression(cells, new Set([0]), 5).size).toBe(0);
  });

  it('protects the grand total of a one-dimension answer', () => {
    const cells = [cell(['a'], 2), cell(['b'], 6), cell(['c'], 7)];
    expect([...secondarySuppression(cells, new Set([0]), 5)]).toEqual([1]);
  });
});
