import { describe, expect, it } from 'vitest';
import { ResultArrayWrapper, ResultWrapper } from '../../src/native/result-shaping';
import { cubeAnswerRows } from '../../src/sql-api/result/cube-answer-rows';

// Driver rows keyed by SQL alias, with values JSON changes (a date, -0, NaN, a missing column).
const rows: Record<string, unknown>[] = [
  { users__user_group: 'Staff', USERS__COUNT: '12', users__creation_date_day: new Date(Date.UTC(2025, 0, 5)), users__n: -0, other: 'x' },
  { users__user_group: null, USERS__COUNT: '7', users__creation_date_day: '2025-01-06 00:00:00', users__n: Number.NaN },
];
const aliasToMemberNameMap = {
  users__user_group: 'users.user_group',
  users__count: 'users.count',
  users__creation_date_day: 'users.creation_date.day',
  users__n: { cubeName: 'users', name: 'n', expression: 'ignored' },
};

function wrapped(input: Record<string, unknown>[]) {
  const wrapper = new ResultWrapper(input);
  wrapper.setTransformData({ aliasToMemberNameMap });
  return wrapper;
}

/** The same result as the SQL API read it before: through getRawData's JSON bytes only. */
function bytesOnly(wrapper: ResultWrapper) {
  return { getRawData: () => wrapper.getRawData(), getTransformData: () => wrapper.getTransformData() };
}

describe('cubeAnswerRows', () => {
  it('keys the rows by member, with values as the JSON bytes held them', () => {
    const answer = new ResultArrayWrapper([wrapped(rows)]);
    expect(cubeAnswerRows(answer)).toStrictEqual([
      { 'users.user_group': 'Staff', 'users.count': '12', 'users.creation_date.day': '2025-01-05T00:00:00.000Z', 'users.n': 0 },
      { 'users.user_group': null, 'users.count': '7', 'users.creation_date.day': '2025-01-06 00:00:00', 'users.n': null },
    ]);
  });

  it('reads the column-wise object exactly as it read the JSON bytes', () => {
    const sets = [rows, [], [{ a: 1 }], [{ users__count: '1', users__COUNT: '2', USERS__COUNT: '3' }]];
    for (const input of sets) {
      const fast = cubeAnswerRows(new ResultArrayWrapper([wrapped(input), wrapped(input)]));
      const viaBytes = cubeAnswerRows({ getResults: () => [bytesOnly(wrapped(input)), bytesOnly(wrapped(input))] });
      expect(fast).toStrictEqual(viaBytes);
      expect(fast.map((row) => Object.keys(row))).toEqual(viaBytes.map((row) => Object.keys(row)));
    }
  });
});
