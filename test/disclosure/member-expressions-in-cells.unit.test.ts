import { describe, expect, it } from 'vitest';
import { admitQuery, effectiveOrder } from '../../src/disclosure/admit-query';
import { answerLayout } from '../../src/disclosure/answer-layout';
import { suppressCells } from '../../src/disclosure/suppress-cells';
import type { DisclosureSettings } from '../../src/privacy/disclosure-settings';

// Member expressions as Cube hands them to disclosure control once it parsed them:
// objects named `cubeName.name` in its alias map and rows.
const settings: DisclosureSettings = { minCellSize: 5, finestTimeGranularity: 'day', perturbation: null };
const kinds = { timeMembers: new Set(['fulfillment.loan_date']), measures: new Set(['fulfillment.count']) };
const expression = (name: string) => ({ cubeName: 'fulfillment', name, expressionName: name, expression: () => '', definition: '{}' });

describe('a query with member expressions, for a group with a minimum cell size', () => {
  it('counts the people of its view and orders by the caller\'s first measure, named like Cube\'s columns', () => {
    const weekday = expression('expr_0');
    const titles = expression('expr_1');
    const admitted = admitQuery({ measures: [titles], dimensions: [weekday] }, settings, kinds);
    expect(admitted.measures).toEqual([titles, 'fulfillment.disclosure_people']);
    expect(admitted.dimensions).toEqual([weekday]);
    expect(effectiveOrder({ measures: [titles], dimensions: [weekday] })).toEqual([{ id: 'fulfillment.expr_1', desc: true }]);
  });

  it('refuses a calculated measure when counts carry cell key noise, and internal members named inside', () => {
    expect(() => admitQuery({ measures: [expression('expr_0')] }, { ...settings, perturbation: 'cell-key' }, kinds)).toThrow(/Calculated measures/);
    expect(() => admitQuery({ measures: [expression('disclosure_people')] }, settings, kinds)).toThrow(/not a member you can query/);
    expect(() => admitQuery({ dimensions: [expression('expr_0')] }, { ...settings, perturbation: 'cell-key' }, kinds)).not.toThrow();
  });

  it('judges cells with an expression as coordinate and an expression as measure: the small cell left out, its margin suppressed', () => {
    const alias = { f__expr_0: expression('expr_0'), f__expr_1: expression('expr_1'), f__people: 'fulfillment.disclosure_people' };
    const layout = answerLayout(alias, [expression('expr_1')], new Set());
    expect(layout.keys).toMatchObject({ dimensionKeys: ['f__expr_0'], measureKeys: ['f__expr_1'], peopleKeys: ['f__people'] });
    // An order names an expression by its alias alone; its rows are re-sorted by that column.
    expect(layout.aliasOf('expr_0')).toBe('f__expr_0');
    expect(layout.aliasOf('fulfillment.expr_1')).toBe('f__expr_1');
    const rows = [
      { f__expr_0: 'target', f__expr_1: 2, f__people: 2 },
      { f__expr_0: 'rest', f__expr_1: 9, f__people: 400 },
    ];
    const answer = suppressCells(rows, layout.keys, settings);
    expect(answer.rows).toEqual([{ f__expr_0: 'rest', f__expr_1: null }]);
    expect(answer.hiddenRows).toBe(1);
  });
});
