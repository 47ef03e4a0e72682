import { describe, expect, it } from 'vitest';
import { ResultArrayWrapper, ResultMultiWrapper, ResultWrapper, rowsToColumnar } from '../../src/native/result-shaping';
import { parseJsonBytes, resultDataFor, transformDataFor, type UserQuery } from './user-query-fixtures';

const query: UserQuery = { measures: ['users.count'], dimensions: ['users.user_group'] };
const rows = [{ users__user_group: 'Staff', users__count: '12' }, { users__user_group: 'Alumni', users__count: '5' }];

function preparedWrapper(input = rows) {
  const wrapper = new ResultWrapper(input);
  wrapper.setTransformData(transformDataFor(query));
  wrapper.setRootResultObject(resultDataFor(query));
  return wrapper;
}

describe('ResultWrapper', () => {
  it('reads as the row array it wraps', () => {
    const wrapper: any = new ResultWrapper(rows);
    expect(wrapper.length).toBe(2);
    expect(wrapper[1]).toBe(rows[1]);
    expect([...wrapper]).toEqual(rows);
    expect(wrapper.map((row: any) => row.users__count)).toEqual(['12', '5']);
    expect(JSON.parse(JSON.stringify(wrapper))).toEqual(rows);
    expect(wrapper.isWrapper).toBe(true);
    expect(wrapper).toBeInstanceOf(ResultWrapper);
  });

  it('returns an existing wrapper unchanged', () => {
    const wrapper = new ResultWrapper(rows);
    expect(new ResultWrapper(wrapper)).toBe(wrapper);
  });

  it('refuses a native result reference, naming the Rust-only feature', () => {
    expect(() => new ResultWrapper({ ref: 1 })).toThrow(/native Cube Store result reference.*needs Cube's Rust module/);
  });

  it('hands over its rows column-wise and its final result as JSON bytes', async () => {
    const wrapper = preparedWrapper();
    const [raw] = wrapper.getRawData();
    expect(JSON.parse(raw.toString())).toEqual(rowsToColumnar(rows));
    const response = parseJsonBytes(await wrapper.getFinalResult());
    expect(response.data).toEqual([
      { 'users.user_group': 'Staff', 'users.count': '12' },
      { 'users.user_group': 'Alumni', 'users.count': '5' },
    ]);
    expect(wrapper.getResults()[0]).toBe(wrapper);
  });
});

describe('rowsToColumnar', () => {
  it('turns rows column-wise, following the first row', () => {
    expect(rowsToColumnar(rows)).toEqual({ members: ['users__user_group', 'users__count'], columns: [['Staff', 'Alumni'], ['12', '5']] });
    expect(rowsToColumnar([])).toEqual({ members: [], columns: [] });
    expect(rowsToColumnar(null)).toEqual({ members: [], columns: [] });
  });
});

describe('ResultMultiWrapper and ResultArrayWrapper', () => {
  it('answers a multi-query request with every result and a pivot query', async () => {
    const multi = new ResultMultiWrapper([preparedWrapper(), preparedWrapper(rows.slice(0, 1))], { queryType: 'regularQuery', slowQuery: false });
    const response = parseJsonBytes(await multi.getFinalResult());
    expect(response.queryType).toBe('regularQuery');
    expect(response.results.map((r: any) => r.data.length)).toEqual([2, 1]);
    expect(response.pivotQuery).toMatchObject({ measures: ['users.count'], queryType: 'regularQuery' });
  });

  it('hands SQL API results over unshaped', async () => {
    const [transformData, rawData, resultData] = await new ResultArrayWrapper([preparedWrapper()]).getFinalResult();
    expect(transformData[0].aliasToMemberNameMap).toEqual({ users__count: 'users.count', users__user_group: 'users.user_group' });
    expect(JSON.parse(rawData[0].toString()).members).toEqual(['users__user_group', 'users__count']);
    expect(resultData[0].dbType).toBe('postgres');
  });
});
