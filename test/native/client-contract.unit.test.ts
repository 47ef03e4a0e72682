/**
 * What we shape must read back through @cubejs-client/core exactly as Cube's
 * own responses do: the client is driven through a transport that answers
 * with our bytes, as the HTTP transport would.
 */
import cube, { type ITransport, type Query } from '@cubejs-client/core';
import { describe, expect, it } from 'vitest';
import { getFinalQueryResultMulti, rowsToColumnarBuffer } from '../../src/native/result-shaping';
import { resultDataFor, transformDataFor, type UserQuery } from './user-query-fixtures';

type QueryType = Parameters<typeof transformDataFor>[1];

/** A transport answering every load with the multi-query response built from the given row sets. */
function transportAnswering(queryType: QueryType, perQuery: (query: UserQuery, index: number) => object[]): ITransport<any> {
  return {
    authorization: 'token',
    request(_method, params) {
      const requested = params.query as UserQuery;
      // Like the gateway's compareDateRange transformer: one query per range.
      const queries: UserQuery[] = queryType === 'compareDateRangeQuery'
        ? ((requested.timeDimensions?.[0]?.compareDateRange as string[][]) ?? []).map((dateRange) => ({
          ...requested, timeDimensions: [{ dimension: requested.timeDimensions![0]!.dimension, granularity: requested.timeDimensions![0]!.granularity, dateRange }],
        }))
        : [requested];
      return {
        async subscribe(callback) {
          const bytes = await getFinalQueryResultMulti(
            queries.map((q) => transformDataFor(q, queryType)),
            queries.map((q, index) => rowsToColumnarBuffer(perQuery(q, index))),
            { queryType, results: queries.map((q) => resultDataFor(q)), slowQuery: false },
          );
          return callback(new Response(Buffer.from(bytes), { status: 200 }) as any, async () => undefined as any);
        },
      };
    },
  };
}

const monthlyByGroup: Query = {
  measures: ['users.count'],
  dimensions: ['users.user_group'],
  timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month', dateRange: ['2025-01-01', '2025-02-28'] }],
};
const monthlyRows = [
  { users__user_group: 'Staff', users__creation_date_month: '2025-01-01T00:00:00.000', users__count: '3' },
  { users__user_group: 'Staff', users__creation_date_month: '2025-02-01T00:00:00.000', users__count: '4' },
  { users__user_group: 'Alumni', users__creation_date_month: '2025-01-01T00:00:00.000', users__count: '7' },
];

describe('@cubejs-client/core reads our responses', () => {
  for (const responseFormat of ['default', 'compact', 'columnar'] as const) {
    it(`pivots a time series by granularity (${responseFormat} format)`, async () => {
      const client = cube('token', { apiUrl: 'http://unused.invalid', transport: transportAnswering('regularQuery', () => monthlyRows) });
      const resultSet = await client.load(monthlyByGroup, {}, undefined, responseFormat);
      expect(resultSet.tablePivot()).toEqual([
        { 'users.user_group': 'Staff', 'users.creation_date.month': '2025-01-01T00:00:00.000', 'users.count': '3' },
        { 'users.user_group': 'Staff', 'users.creation_date.month': '2025-02-01T00:00:00.000', 'users.count': '4' },
        { 'users.user_group': 'Alumni', 'users.creation_date.month': '2025-01-01T00:00:00.000', 'users.count': '7' },
      ]);
      // The date range is filled in: Alumni have no February row, so the client adds a zero.
      expect(resultSet.chartPivot().map((row) => [row.x, row['Staff,users.count'], row['Alumni,users.count']])).toEqual([
        ['2025-01-01T00:00:00.000', 3, 7],
        ['2025-02-01T00:00:00.000', 4, 0],
      ]);
      expect(resultSet.series().map((s) => [s.key, s.series.map((p) => p.value)])).toEqual([
        ['Staff,users.count', [3, 4]],
        ['Alumni,users.count', [7, 0]],
      ]);
      expect(resultSet.rawData()[0]).toMatchObject({ 'users.creation_date': '2025-01-01T00:00:00.000' });
    });
  }

  it('splits compareDateRange results into one series per range', async () => {
    const query: Query = {
      measures: ['users.count'],
      timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month', compareDateRange: [['2025-01-01', '2025-02-28'], ['2024-01-01', '2024-02-29']] }],
    };
    const rowsPerRange = [
      [{ users__creation_date_month: '2025-01-01T00:00:00.000', users__count: '10' }, { users__creation_date_month: '2025-02-01T00:00:00.000', users__count: '11' }],
      [{ users__creation_date_month: '2024-01-01T00:00:00.000', users__count: '20' }, { users__creation_date_month: '2024-02-01T00:00:00.000', users__count: '21' }],
    ];
    const client = cube('token', { apiUrl: 'http://unused.invalid', transport: transportAnswering('compareDateRangeQuery', (_q, index) => rowsPerRange[index]!) });
    const resultSet = await client.load(query);
    expect(resultSet.series().map((s) => [s.key, s.series.map((p) => p.value)])).toEqual([
      ['2025-01-01 - 2025-02-28,users.count', [10, 11]],
      ['2024-01-01 - 2024-02-29,users.count', [20, 21]],
    ]);
    expect(resultSet.decompose().map((part) => part.rawData().map((row) => row.compareDateRange))).toEqual([
      ['2025-01-01 - 2025-02-28', '2025-01-01 - 2025-02-28'],
      ['2024-01-01 - 2024-02-29', '2024-01-01 - 2024-02-29'],
    ]);
  });
});
