import { describe, expect, it } from 'vitest';
import {
  columnarJsonValues, getFinalQueryResult, ResultMultiWrapper, ResultWrapper, rowsToColumnar, rowsToColumnarBuffer,
} from '../../src/native/result-shaping';
import { resultDataFor, transformDataFor, type UserQuery } from './user-query-fixtures';

// Every kind of value a driver row may hold, and the odd ones JSON changes.
const awkwardRows: Record<string, unknown>[] = [
  {
    users__user_group: 'Staff \u00e9 \ud83d\ude00 "quoted" \\ \n', users__count: '12',
    users__creation_date_day: new Date(Date.UTC(2025, 0, 5, 13, 4, 5, 678)),
    users__json: { nested: [1, undefined, () => 1, new Date(0)], gone: undefined, big: 2 ** 60 },
    users__number: -0, users__nan: Number.NaN, users__inf: Number.POSITIVE_INFINITY, users__bool: false,
  },
  {
    users__user_group: null, users__count: 7, users__creation_date_day: new Date(Number.NaN),
    users__json: [{ toJSON: () => 'custom' }], users__number: 1.5e-7, users__nan: undefined, users__inf: Symbol('s'),
    users__bool: Buffer.from('ab'),
  },
  // A row without some of the first row's columns, and one with an extra column.
  { users__user_group: 'Alumni', users__extra: 'ignored' },
];

function byJsonText(rows: unknown) {
  return JSON.parse(rowsToColumnarBuffer(rows).toString('utf8'));
}

describe('columnarJsonValues', () => {
  it('is what rowsToColumnarBuffer\'s bytes parse to, value for value', () => {
    const made = columnarJsonValues(awkwardRows);
    expect(made).toStrictEqual(byJsonText(awkwardRows));
    expect(JSON.stringify(made)).toBe(JSON.stringify(rowsToColumnar(awkwardRows)));
    expect(Object.is(made.columns[4]![0], 0)).toBe(true);
  });

  it('reads iterables, empty and missing rows as rowsToColumnar does', () => {
    expect(columnarJsonValues(new Set(awkwardRows))).toStrictEqual(byJsonText(awkwardRows));
    expect(columnarJsonValues([])).toStrictEqual({ members: [], columns: [] });
    expect(columnarJsonValues(null)).toStrictEqual({ members: [], columns: [] });
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    const sparse = [{ a: 1 }, , { a: 2 }];
    expect(columnarJsonValues(sparse)).toStrictEqual(byJsonText(sparse));
  });

  it('refuses a bigint as JSON does', () => {
    expect(() => columnarJsonValues([{ a: 1n }])).toThrow(TypeError);
    expect(() => rowsToColumnarBuffer([{ a: 1n }])).toThrow(TypeError);
  });
});

describe('the wrappers shape without a JSON text of the rows', () => {
  const queries: UserQuery[] = [
    { measures: ['users.count'], dimensions: ['users.user_group'] },
    { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day' }] },
    { measures: ['users.count'], dimensions: ['users.user_group'], responseFormat: 'compact' },
    { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day' }], responseFormat: 'columnar' },
  ];
  const rows = [
    { users__user_group: 'Staff', users__count: '12', users__creation_date_day: new Date(Date.UTC(2025, 0, 5)) },
    { users__user_group: null, users__count: 7, users__creation_date_day: '2025-01-06 00:00:00' },
  ];
  const rowsOf = (query: UserQuery) => {
    const aliases = Object.keys(transformDataFor(query).aliasToMemberNameMap);
    return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([alias]) => aliases.includes(alias))));
  };

  for (const query of queries) {
    it(`answers byte for byte as shaping the JSON bytes did (${query.responseFormat ?? 'default'}, ${query.timeDimensions ? 'time' : 'group'})`, async () => {
      const wrapper = new ResultWrapper(rowsOf(query));
      wrapper.setTransformData(transformDataFor(query));
      wrapper.setRootResultObject(resultDataFor(query));
      const viaBytes = await getFinalQueryResult(transformDataFor(query), rowsToColumnarBuffer(rowsOf(query)), resultDataFor(query));
      expect(Buffer.from(await wrapper.getFinalResult())).toEqual(Buffer.from(viaBytes));
    });
  }

  it('answers a multi-query request byte for byte as before', async () => {
    const query = queries[0]!;
    const prepared = () => {
      const wrapper = new ResultWrapper(rowsOf(query));
      wrapper.setTransformData(transformDataFor(query));
      wrapper.setRootResultObject(resultDataFor(query));
      return wrapper;
    };
    const multi = new ResultMultiWrapper([prepared(), prepared()], { queryType: 'regularQuery', slowQuery: false });
    const response = JSON.parse(Buffer.from(await multi.getFinalResult()).toString('utf8'));
    const single = JSON.parse(Buffer.from(await prepared().getFinalResult()).toString('utf8'));
    expect(response.results).toEqual([single, single]);
  });

  it('hands the SQL API the object getRawData\'s bytes parse to', () => {
    const wrapper = new ResultWrapper(awkwardRows);
    expect(wrapper.getColumnarData()).toStrictEqual(JSON.parse(wrapper.getRawData()[0].toString('utf8')));
  });
});
