import { describe, expect, it } from 'vitest';
import { compareResults, normalizeCell, timesCutToDays, type ResultSet } from './compare-results';
import { ORDERED, UNORDERED, UNORDERED_APPROX } from './corpus-statement';

const reference = (rows: (string | null)[][], people = true): ResultSet => ({
  columns: people ? ['g', 'n', '__people'] : ['g', 'n'],
  rows,
});
const answer = (rows: (string | null)[][]): ResultSet => ({ columns: ['g', 'n'], rows });

describe('comparing an answer with its reference', () => {
  it('reads numbers by value, timestamps without a UTC offset, and keeps dates apart from timestamps', () => {
    expect(normalizeCell('1134.000')).toBe(normalizeCell('1134'));
    expect(normalizeCell('2026-11-01 00:00:00+00')).toBe(normalizeCell('2026-11-01T00:00:00.000'));
    expect(normalizeCell('2026-11-06')).not.toBe(normalizeCell('2026-11-06 00:00:00'));
  });

  it('finds a wrong value, a missing row and an extra row', () => {
    const expected = reference([['a', '10', '10'], ['b', '20', '20']]);
    expect(compareResults(answer([['a', '10'], ['b', '20']]), expected, UNORDERED, 0).equal).toBe(true);
    expect(compareResults(answer([['a', '10'], ['b', '21']]), expected, UNORDERED, 0).equal).toBe(false);
    expect(compareResults(answer([['a', '10']]), expected, UNORDERED, 0).equal).toBe(false);
    expect(compareResults(answer([['a', '10'], ['b', '20'], ['c', '1']]), expected, UNORDERED, 0).equal).toBe(false);
  });

  it('holds ordered answers to the order', () => {
    const expected = reference([['a', '10', '10'], ['b', '20', '20']]);
    expect(compareResults(answer([['b', '20'], ['a', '10']]), expected, ORDERED, 0).equal).toBe(false);
    expect(compareResults(answer([['b', '20'], ['a', '10']]), expected, UNORDERED, 0).equal).toBe(true);
  });

  it('tolerates rounding only when asked to', () => {
    const expected = reference([['a', '3.3333333333333335', '9']]);
    expect(compareResults(answer([['a', '3.33333333333333333333']]), expected, UNORDERED_APPROX, 0).equal).toBe(true);
    expect(compareResults(answer([['a', '3.34']]), expected, UNORDERED_APPROX, 0).equal).toBe(false);
  });

  it('accepts a small cell left out or NULLed only under a minimum cell size', () => {
    const expected = reference([['a', '3', '3'], ['b', '20', '20']]);
    expect(compareResults(answer([['b', '20']]), expected, UNORDERED, 5).equal).toBe(true);
    expect(compareResults(answer([['a', null], ['b', '20']]), expected, UNORDERED, 5).equal).toBe(true);
    expect(compareResults(answer([['b', '20']]), expected, UNORDERED, 0).equal).toBe(false);
    expect(compareResults(answer([['a', null], ['b', '20']]), expected, UNORDERED, 0).equal).toBe(false);
  });

  it('accepts a large row NULLed or left out only beside a small one (secondary suppression)', () => {
    const withSmall = reference([['a', '3', '3'], ['b', '20', '20'], ['c', '30', '30']]);
    expect(compareResults(answer([['b', null], ['c', '30']]), withSmall, UNORDERED, 5).equal).toBe(true);
    expect(compareResults(answer([['c', '30']]), withSmall, ORDERED, 5).equal).toBe(true);
    const allLarge = reference([['b', '20', '20'], ['c', '30', '30']]);
    expect(compareResults(answer([['b', null], ['c', '30']]), allLarge, UNORDERED, 5).equal).toBe(false);
    expect(compareResults(answer([['c', '30']]), allLarge, ORDERED, 5).equal).toBe(false);
  });

  it('accepts a large row left out when the statement keeps only some of its groups (HAVING, LIMIT, steps)', () => {
    const allLarge = reference([['b', '20', '20'], ['c', '30', '30']]);
    expect(compareResults(answer([['c', '30']]), allLarge, ORDERED, 5, true).equal).toBe(true);
    expect(compareResults(answer([['c', '30']]), allLarge, ORDERED, 0, true).equal).toBe(false);
  });

  it('takes a LIMIT left out of the reference as the first rows disclosure control lets through', () => {
    const expected = reference([['a', '10', '10'], ['b', '3', '3'], ['c', '30', '30'], ['d', '40', '40']]);
    const limit2 = { rows: 'ordered', limit: 2 } as const;
    expect(compareResults(answer([['a', '10'], ['b', '3']]), expected, limit2, 0).equal).toBe(true);
    expect(compareResults(answer([['a', '10'], ['c', '30']]), expected, limit2, 0).equal).toBe(false);
    expect(compareResults(answer([['a', '10'], ['c', '30']]), expected, limit2, 5).equal).toBe(true);
    expect(compareResults(answer([['a', '10'], ['c', '30'], ['d', '40']]), expected, limit2, 5).equal).toBe(false);
  });

  it('never accepts a wrong value in a row it shows, small or not', () => {
    const expected = reference([['a', '3', '3'], ['b', '20', '20']]);
    expect(compareResults(answer([['a', '4'], ['b', '20']]), expected, ORDERED, 5).equal).toBe(false);
    expect(compareResults(answer([['b', '21']]), expected, UNORDERED, 5).equal).toBe(false);
  });

  it('counts small rows shown in full, for disclosure control to look at', () => {
    const expected = reference([['a', '3', '3'], ['b', '20', '20']]);
    expect(compareResults(answer([['a', '3'], ['b', '20']]), expected, UNORDERED, 5)).toMatchObject({ equal: true, smallRowsShown: 1 });
  });

  it('does not count a small row of NULLs alone as shown (a SUM over no rows looks the same suppressed)', () => {
    const total = { columns: ['s', '__people'], rows: [[null, '0']] };
    expect(compareResults({ columns: ['s'], rows: [[null]] }, total, UNORDERED, 5)).toMatchObject({ equal: true, smallRowsShown: 0 });
    expect(compareResults({ columns: ['s'], rows: [['7']] }, { columns: ['s', '__people'], rows: [['7', '1']] }, UNORDERED, 5)).toMatchObject({ smallRowsShown: 1 });
  });

  it('cuts raw times to the day for groups that may see days only', () => {
    const cut = timesCutToDays({ columns: ['t'], rows: [['2026-03-04 17:18:19+00'], ['2026-03-04']] });
    expect(cut.rows).toEqual([['2026-03-04 00:00:00'], ['2026-03-04']]);
  });
});
