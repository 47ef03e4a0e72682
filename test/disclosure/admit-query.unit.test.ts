import { describe, expect, it } from 'vitest';
import { admitQuery, DEFAULT_ROW_LIMIT } from '../../src/disclosure/admit-query';
import type { DisclosureSettings } from '../../src/privacy/disclosure-settings';

const settings: DisclosureSettings = { minCellSize: 5, finestTimeGranularity: 'day', perturbation: null };
const kinds = { timeMembers: new Set(['users.creation_date', 'fulfillment.loan_date']), measures: new Set(['users.count', 'fulfillment.num_of_loans']) };

describe('admitting a query of a group with a minimum cell size', () => {
  it('adds the people count of each view and lifts the limit to judge every cell', () => {
    const query = admitQuery({ measures: ['users.count'], dimensions: ['users.user_group'], limit: 3, offset: 2 }, settings, kinds);
    expect(query.measures).toEqual(['users.count', 'users.disclosure_people']);
    expect(query.limit).toBe(DEFAULT_ROW_LIMIT);
    expect(query.offset).toBeUndefined();
  });

  it('adds the record key sum only when counts are perturbed', () => {
    const query = admitQuery({ measures: ['users.count'] }, { ...settings, perturbation: 'cell-key' }, kinds);
    expect(query.measures).toEqual(['users.count', 'users.disclosure_people', 'users.disclosure_key_sum']);
  });

  it('refuses ungrouped queries, granularities finer than the finest, and internal members', () => {
    expect(() => admitQuery({ dimensions: ['users.user_group'], ungrouped: true }, settings, kinds)).toThrow(/Ungrouped/);
    expect(() => admitQuery({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'hour' }] }, settings, kinds))
      .toThrow(/finest granularity is day/);
    expect(() => admitQuery({ measures: ['users.disclosure_people'] }, settings, kinds)).toThrow(/not a member you can query/);
  });

  it('answers a time field asked raw by its finest allowed granularity', () => {
    const query = admitQuery({ measures: ['users.count'], dimensions: ['users.creation_date', 'users.user_group'] }, settings, kinds);
    expect(query.dimensions).toEqual(['users.user_group']);
    expect(query.timeDimensions).toEqual([{ dimension: 'users.creation_date', granularity: 'day' }]);
  });

  it('refuses filters on measures when counts are perturbed', () => {
    const query = { measures: ['users.count'], filters: [{ member: 'users.count', operator: 'gt', values: ['3'] }] };
    expect(() => admitQuery(query, { ...settings, perturbation: 'cell-key' }, kinds)).toThrow(/Filters on measures/);
    expect(() => admitQuery(query, settings, kinds)).not.toThrow();
  });
});

describe('filters on time fields of a group with a minimum cell size', () => {
  const filtered = (values: string[], operator = 'inDateRange') => ({ measures: ['users.count'], filters: [{ member: 'users.creation_date', operator, values }] });

  it('pass on whole days, bare dates, the end of a day and relative ranges', () => {
    for (const values of [['2025-01-01', '2025-12-31'], ['2025-01-01T00:00:00.000', '2025-12-31T23:59:59.999'], ['2025-03-04 00:00:00']]) {
      expect(() => admitQuery(filtered(values), settings, kinds)).not.toThrow();
    }
    expect(() => admitQuery({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: 'last 7 days' }] }, settings, kinds)).not.toThrow();
  });

  it('are refused to the second, in filters and in date ranges', () => {
    expect(() => admitQuery(filtered(['2024-03-04T10:11:12.000'], 'equals'), settings, kinds)).toThrow(/must fall on whole days/);
    expect(() => admitQuery({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: ['2024-03-04T10:00:00', '2024-03-05'] }] }, settings, kinds))
      .toThrow(/must fall on whole days/);
    expect(() => admitQuery({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: 'last 6 hours' }] }, settings, kinds))
      .toThrow(/must fall on whole days/);
  });

  it('are checked against a coarser finest granularity too', () => {
    const monthly = { ...settings, finestTimeGranularity: 'month' as const };
    expect(() => admitQuery(filtered(['2025-01-01', '2025-03-31T23:59:59.999']), monthly, kinds)).not.toThrow();
    expect(() => admitQuery(filtered(['2025-01-15', '2025-03-31']), monthly, kinds)).toThrow(/whole months/);
  });
});

describe('row filters repeated on a view and its cube', () => {
  it('keep the cube filter and drop the view copy of it, and nothing else', () => {
    const aliasOf = new Map([['fulfillment.campus_code', 'loans.campus_code'], ['fulfillment.user_group', 'loans.user_group']]);
    const rowFilter = { and: [
      { member: 'fulfillment.campus_code', operator: 'equals', values: ['MAIN'] },
      { member: 'loans.campus_code', operator: 'equals', values: ['MAIN'] },
    ] };
    const callerFilter = { member: 'fulfillment.user_group', operator: 'equals', values: ['Staff'] };
    const query = admitQuery({ measures: ['fulfillment.num_of_loans'], filters: [callerFilter, rowFilter] }, settings, { ...kinds, aliasOf });
    expect(query.filters).toEqual([callerFilter, { and: [{ member: 'loans.campus_code', operator: 'equals', values: ['MAIN'] }] }]);
    // Different values are two different limits: both stay.
    const other = { and: [rowFilter.and[0], { member: 'loans.campus_code', operator: 'equals', values: ['MED'] }] };
    expect(admitQuery({ measures: ['fulfillment.num_of_loans'], filters: [other] }, settings, { ...kinds, aliasOf }).filters).toEqual([other]);
  });
});

describe('the order of an admitted query', () => {
  it('is stated as Cube would default it for the caller, never by the people count', () => {
    expect(admitQuery({ dimensions: ['users.user_group'] }, settings, kinds).order).toEqual([{ id: 'users.user_group', desc: false }]);
    expect(admitQuery({ measures: ['users.count'], dimensions: ['users.user_group'] }, settings, kinds).order).toEqual([{ id: 'users.count', desc: true }]);
    expect(admitQuery({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }] }, settings, kinds).order)
      .toEqual([{ id: 'users.creation_date', desc: false }]);
    expect(admitQuery({ measures: ['users.count'], dimensions: ['users.user_group'], order: [{ id: 'users.user_group', desc: true }] }, settings, kinds).order)
      .toEqual([{ id: 'users.user_group', desc: true }]);
  });
});
