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
