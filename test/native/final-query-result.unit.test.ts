import { describe, expect, it } from 'vitest';
import { getFinalQueryResult, getFinalQueryResultMulti, rowsToColumnarBuffer } from '../../src/native/result-shaping';
import { parseJsonBytes, resultDataFor, transformDataFor, type UserQuery } from './user-query-fixtures';

const byGroup: UserQuery = { measures: ['users.count'], dimensions: ['users.user_group'] };
const byGroupRows = [
  { users__user_group: 'Staff', users__count: '12' },
  { users__user_group: 'Undergraduate', users__count: '340' },
];

const daily: UserQuery = {
  measures: ['users.count'],
  timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day', dateRange: ['2025-01-01T00:00:00.000', '2025-01-31T23:59:59.999'] }],
};
const dailyRows = [
  { users__creation_date_day: '2025-01-02T00:00:00.000', users__count: '3' },
  { users__creation_date_day: new Date(Date.UTC(2025, 0, 5)), users__count: '1' },
];

async function shape(query: UserQuery, rows: object[], queryType: Parameters<typeof transformDataFor>[1] = 'regularQuery') {
  return parseJsonBytes(await getFinalQueryResult(transformDataFor(query, queryType), rowsToColumnarBuffer(rows), resultDataFor(query)));
}

describe('getFinalQueryResult', () => {
  it('keys rows by member name and keeps database values as they come', async () => {
    const result = await shape(byGroup, byGroupRows);
    expect(result.data).toEqual([
      { 'users.user_group': 'Staff', 'users.count': '12' },
      { 'users.user_group': 'Undergraduate', 'users.count': '340' },
    ]);
  });

  it('keeps numbers, booleans and nulls as JSON values', async () => {
    const result = await shape(byGroup, [{ users__user_group: null, users__count: 7 }]);
    expect(result.data).toEqual([{ 'users.user_group': null, 'users.count': 7 }]);
  });

  it('formats time values and adds the bare dimension key beside the granularity key', async () => {
    const result = await shape(daily, dailyRows);
    expect(result.data).toEqual([
      { 'users.creation_date.day': '2025-01-02T00:00:00.000', 'users.count': '3', 'users.creation_date': '2025-01-02T00:00:00.000' },
      { 'users.creation_date.day': '2025-01-05T00:00:00.000', 'users.count': '1', 'users.creation_date': '2025-01-05T00:00:00.000' },
    ]);
  });

  it('copies the finest granularity to the bare key when several are asked for', async () => {
    const query: UserQuery = {
      measures: ['users.count'],
      timeDimensions: [
        { dimension: 'users.creation_date', granularity: 'month' },
        { dimension: 'users.creation_date', granularity: 'week' },
      ],
    };
    const result = await shape(query, [{ users__creation_date_month: '2025-01-01T00:00:00.000', users__creation_date_week: '2024-12-30T00:00:00.000', users__count: '4' }]);
    expect(result.data[0]['users.creation_date']).toBe('2024-12-30T00:00:00.000');
  });

  it('adds no bare key when the dimension is also asked for on its own', async () => {
    const query: UserQuery = { measures: ['users.count'], dimensions: ['users.creation_date'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'year' }] };
    const transformData = transformDataFor(query);
    const rows = [{ users__creation_date: '2025-04-01 10:00:00', users__creation_date_year: '2025-01-01 00:00:00', users__count: '2' }];
    const result = parseJsonBytes(await getFinalQueryResult(transformData, rowsToColumnarBuffer(rows), resultDataFor(query)));
    expect(result.data).toEqual([{ 'users.creation_date': '2025-04-01T10:00:00.000', 'users.creation_date.year': '2025-01-01T00:00:00.000', 'users.count': '2' }]);
  });

  it('answers compact requests with members once and one array per row', async () => {
    const result = await shape({ ...daily, responseFormat: 'compact' }, dailyRows);
    expect(result.data).toEqual({
      members: ['users.creation_date.day', 'users.count', 'users.creation_date'],
      dataset: [
        ['2025-01-02T00:00:00.000', '3', '2025-01-02T00:00:00.000'],
        ['2025-01-05T00:00:00.000', '1', '2025-01-05T00:00:00.000'],
      ],
    });
  });

  it('answers columnar requests with one array per member', async () => {
    const result = await shape({ ...byGroup, responseFormat: 'columnar' }, byGroupRows);
    expect(result.data).toEqual({ members: ['users.user_group', 'users.count'], columns: [['Staff', 'Undergraduate'], ['12', '340']] });
  });

  it('answers an empty result with empty data in every format', async () => {
    expect((await shape(byGroup, [])).data).toEqual([]);
    expect((await shape({ ...byGroup, responseFormat: 'compact' }, [])).data).toEqual({ members: [], dataset: [] });
    expect((await shape({ ...byGroup, responseFormat: 'columnar' }, [])).data).toEqual({ members: [], columns: [] });
  });

  it('tags each row of a compare date range query with its range', async () => {
    const compact = await shape({ ...daily, responseFormat: 'compact' }, [{ users__creation_date_day: null, users__count: null }], 'compareDateRangeQuery');
    expect(compact.data).toEqual({
      members: ['users.creation_date.day', 'users.count', 'users.creation_date', 'compareDateRange'],
      dataset: [[null, null, null, '2025-01-01T00:00:00.000 - 2025-01-31T23:59:59.999']],
    });
    const vanilla = await shape(daily, dailyRows.slice(0, 1), 'compareDateRangeQuery');
    expect(vanilla.data[0].compareDateRange).toBe('2025-01-01T00:00:00.000 - 2025-01-31T23:59:59.999');
  });

  it('refuses a compare date range query whose time dimension has no range', async () => {
    const query: UserQuery = { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day' }] };
    await expect(shape(query, dailyRows, 'compareDateRangeQuery')).rejects.toThrow('Inconsistent QueryTimeDimension configuration: dateRange required.');
  });

  it('adds the shared time key to the rows of a blending query', async () => {
    const monthly: UserQuery = { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }] };
    const rows = [{ users__creation_date_month: '2025-02-01T00:00:00.000', users__count: '9' }];
    expect((await shape(monthly, rows, 'blendingQuery')).data).toEqual([
      { 'users.creation_date.month': '2025-02-01T00:00:00.000', 'users.count': '9', 'users.creation_date': '2025-02-01T00:00:00.000', 'time.month': '2025-02-01T00:00:00.000' },
    ]);
    expect((await shape({ ...monthly, responseFormat: 'compact' }, rows, 'blendingQuery')).data).toEqual({
      members: ['users.creation_date.month', 'users.count', 'users.creation_date', 'time.month'],
      dataset: [['2025-02-01T00:00:00.000', '9', '2025-02-01T00:00:00.000', '2025-02-01T00:00:00.000']],
    });
  });
});

describe('the response envelope', () => {
  it('carries the result data fields and leaves absent ones out', async () => {
    const result = await shape(byGroup, byGroupRows);
    expect(Object.keys(result)).toEqual(['query', 'lastRefreshTime', 'annotation', 'dataSource', 'dbType', 'external', 'slowQuery', 'data']);
    expect(result).toMatchObject({ lastRefreshTime: '2026-11-24T10:00:00.000Z', dataSource: 'default', dbType: 'postgres', external: false, slowQuery: false });
    expect(result.annotation.measures['users.count'].type).toBe('number');
    expect(result.query.measures).toEqual(['users.count']);
  });

  it('carries total only when the query asked for it', async () => {
    const query = { ...byGroup, total: true };
    const result = parseJsonBytes(await getFinalQueryResult(transformDataFor(query), rowsToColumnarBuffer(byGroupRows), resultDataFor(query, { total: 2 })));
    expect(result.total).toBe(2);
  });

  it('passes the dev-mode fields through', async () => {
    const extra = { refreshKeyValues: [[{ key: 1 }]], requestId: 'req-1', transformedQuery: { leafMeasureAdditive: true, allFiltersWithinSelectedDimensions: undefined } };
    const result = parseJsonBytes(await getFinalQueryResult(transformDataFor(byGroup), rowsToColumnarBuffer(byGroupRows), resultDataFor(byGroup, extra)));
    expect(result).toMatchObject({ refreshKeyValues: [[{ key: 1 }]], requestId: 'req-1', transformedQuery: { leafMeasureAdditive: true, allFiltersWithinSelectedDimensions: null } });
  });

  it('accepts plain row objects as well as column-wise bytes', async () => {
    const result = parseJsonBytes(await getFinalQueryResult(transformDataFor(byGroup), byGroupRows, resultDataFor(byGroup)));
    expect(result.data).toHaveLength(2);
  });
});

describe('members the caller may not see', () => {
  const hiddenMessage = "You requested hidden member: 'users.user_group'.";

  it('refuses a result with a column of a hidden member, naming only that member', async () => {
    const transformData = transformDataFor(byGroup, 'regularQuery', ['users.user_group']);
    for (const resType of ['default', 'compact', 'columnar'] as const) {
      const attempt = getFinalQueryResult({ ...transformData, resType }, rowsToColumnarBuffer(byGroupRows), resultDataFor(byGroup, {}, ['users.user_group']));
      await expect(attempt).rejects.toThrow(hiddenMessage);
      await expect(attempt).rejects.not.toThrow(/Staff|Undergraduate|users\.count/);
    }
  });

  it('refuses an empty result of a query naming a hidden member', async () => {
    const transformData = transformDataFor(byGroup, 'regularQuery', ['users.user_group']);
    await expect(getFinalQueryResult(transformData, rowsToColumnarBuffer([]), resultDataFor(byGroup))).rejects.toThrow(hiddenMessage);
  });

  it('accepts an empty result whose time dimension only filters', async () => {
    const query: UserQuery = { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: ['2025-01-01', '2025-01-31'] }] };
    const result = parseJsonBytes(await getFinalQueryResult(transformDataFor(query), rowsToColumnarBuffer([]), resultDataFor(query)));
    expect(result.data).toEqual([]);
  });

  it('refuses a column that maps to no requested member', async () => {
    const rows = [{ ...byGroupRows[0], users__primary_identifier: 'X123' }];
    const attempt = getFinalQueryResult(transformDataFor(byGroup), rowsToColumnarBuffer(rows), resultDataFor(byGroup));
    await expect(attempt).rejects.toThrow("Member name not found for alias: 'users__primary_identifier'");
    await expect(attempt).rejects.not.toThrow(/X123/);
  });

  it('refuses bad input with a clear error', async () => {
    await expect(getFinalQueryResult({}, [], resultDataFor(byGroup))).rejects.toThrow('aliasToMemberNameMap must be an object');
    await expect(getFinalQueryResult(transformDataFor(byGroup), Buffer.from('{'), resultDataFor(byGroup))).rejects.toThrow('Raw result is not valid JSON');
    await expect(getFinalQueryResult(transformDataFor(byGroup), { native: true }, resultDataFor(byGroup))).rejects.toThrow(/needs Cube's Rust module/);
  });
});

describe('getFinalQueryResultMulti', () => {
  it('combines compare date range results with a pivot query led by compareDateRange', async () => {
    const ranges = [['2025-01-01T00:00:00.000', '2025-01-31T23:59:59.999'], ['2024-01-01T00:00:00.000', '2024-01-31T23:59:59.999']];
    const queries = ranges.map((dateRange): UserQuery => ({ measures: ['users.count'], dimensions: ['users.user_group'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day', dateRange }] }));
    const rows = queries.map(() => rowsToColumnarBuffer([{ users__user_group: 'Staff', users__creation_date_day: '2025-01-02 00:00:00', users__count: '1' }]));
    const bytes = await getFinalQueryResultMulti(
      queries.map((q) => transformDataFor(q, 'compareDateRangeQuery')), rows,
      { queryType: 'compareDateRangeQuery', results: queries.map((q) => resultDataFor(q)), slowQuery: false },
    );
    const response = parseJsonBytes(bytes);
    expect(Object.keys(response)).toEqual(['queryType', 'results', 'pivotQuery', 'slowQuery']);
    expect(response.results.map((r: any) => r.data[0].compareDateRange)).toEqual(ranges.map((r) => r.join(' - ')));
    expect(response.pivotQuery.dimensions).toEqual(['compareDateRange', 'users.user_group']);
    expect(response.pivotQuery.queryType).toBe('compareDateRangeQuery');
  });

  it('gives blending results a shared time axis in the pivot query', async () => {
    const monthly: UserQuery = { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }] };
    const byGroupMonthly: UserQuery = { ...monthly, dimensions: ['users.user_group'] };
    const response = parseJsonBytes(await getFinalQueryResultMulti(
      [transformDataFor(monthly, 'blendingQuery'), transformDataFor(byGroupMonthly, 'blendingQuery')],
      [rowsToColumnarBuffer([]), rowsToColumnarBuffer([])],
      { queryType: 'blendingQuery', results: [resultDataFor(monthly), resultDataFor(byGroupMonthly)], slowQuery: true },
    ));
    expect(response.pivotQuery).toMatchObject({ measures: ['users.count'], dimensions: ['users.user_group'], timeDimensions: [{ dimension: 'time', granularity: 'month' }], queryType: 'blendingQuery' });
    expect(response.slowQuery).toBe(true);
  });

  it('refuses mismatched lists', async () => {
    await expect(getFinalQueryResultMulti([transformDataFor(byGroup)], [], { queryType: 'regularQuery', results: [resultDataFor(byGroup)], slowQuery: false }))
      .rejects.toThrow('1 results, 1 transform data, 0 row sets');
  });
});
