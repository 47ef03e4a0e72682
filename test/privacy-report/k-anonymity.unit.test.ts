import { describe, expect, it } from 'vitest';
import type { CodedUsers } from '../../src/privacy-report/coded-users';
import { cellsAsSeen, fieldsAlone, searchGeneralisation } from '../../src/privacy-report/greedy-generalisation';
import type { QuasiIdentifier } from '../../src/privacy-report/quasi-identifiers';

// A made-up population: 400 users, four fields. `day` has many values and a coarser `month` level;
// `campus` is fixed (as a dashboard's row filter is); `flag` has two values; `rare` singles out a few.
function population(): { identifiers: QuasiIdentifier[]; users: CodedUsers; rows: number[][] } {
  let state = 12345;
  const random = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const rows: number[][] = [];
  for (let i = 0; i < 400; i++) {
    const day = random(300);
    rows.push([day, Math.floor(day / 30), random(3), random(2), i % 97 === 0 ? 1 + i / 97 : 0]);
  }
  const column = (index: number) => Int32Array.from(rows.map((row) => row[index]!));
  const identifiers: QuasiIdentifier[] = [
    { member: 'day', levels: [{ name: 'day', sql: '' }, { name: 'month', sql: '' }], fixed: false },
    { member: 'campus', levels: [{ name: 'value', sql: '' }], fixed: true },
    { member: 'flag', levels: [{ name: 'value', sql: '' }], fixed: false },
    { member: 'rare', levels: [{ name: 'value', sql: '' }], fixed: false },
  ];
  const users = { rows: rows.length, codes: [[column(0), column(1)], [column(2)], [column(3)], [column(4)]] };
  return { identifiers, users, rows };
}

/** Cell sizes the slow, obvious way: a map from the row's values (at the given levels; -1 dropped) to a count. */
function naive(rows: number[][], levels: Record<string, number>, k: number) {
  const columnsOf: Record<string, number[]> = { day: [0, 1], campus: [2], flag: [3], rare: [4] };
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = Object.entries(levels).filter(([, level]) => level >= 0).map(([member, level]) => row[columnsOf[member]![level]!]).join('|');
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  const values = [...sizes.values()];
  return { unique: values.filter((size) => size === 1).length, underK: values.filter((size) => size < k).reduce((a, b) => a + b, 0), cells: sizes.size };
}

describe('k-anonymity of coded users', () => {
  it('counts unique users and users under k as a plain count of the combinations does', () => {
    const { identifiers, users, rows } = population();
    expect(cellsAsSeen(identifiers, users, 5)).toEqual(naive(rows, { day: 0, campus: 0, flag: 0, rare: 0 }, 5));
    const alone = fieldsAlone(identifiers, users, 5);
    expect(alone.find((field) => field.member === 'day')).toMatchObject(naive(rows, { day: 0 }, 5));
    expect(alone.find((field) => field.member === 'flag')).toMatchObject(naive(rows, { flag: 0 }, 5));
  });

  it('finds generalisations after which no cell holds fewer than k users, keeping the fixed field', () => {
    const { identifiers, users, rows } = population();
    const result = searchGeneralisation(identifiers, users, 5);
    expect(result.asSeen.underK).toBeGreaterThan(300);
    expect(result.reachesK).toBe(true);
    expect(result.kept.map((field) => field.member)).toContain('campus');
    // Checked independently: group by what is kept, at the levels kept.
    const levels: Record<string, number> = {};
    for (const field of result.kept) {
      levels[field.member] = identifiers.find((identifier) => identifier.member === field.member)!.levels.findIndex((level) => level.name === field.level);
    }
    expect(naive(rows, levels, 5).underK).toBe(0);
    // Each step's counts are those of the data after it.
    expect(result.steps.at(-1)!.after.underK).toBe(0);
    // The rare field singles people out: it is dropped, and day goes to month before it is dropped, if at all.
    expect(result.dropped).toContain('rare');
    expect(result.steps[0]).toMatchObject({ member: 'day', from: 'day', to: 'month', putBack: false });
  });

  it('says when k cannot be reached because a fixed field alone leaves cells under k', () => {
    const { identifiers, users } = population();
    const result = searchGeneralisation(identifiers, users, 200);
    expect(result.reachesK).toBe(false);
    expect(result.kept).toEqual([{ member: 'campus', level: 'value' }]);
  });
});
