import { describe, expect, it } from 'vitest';
import { cellKeyNoise, cellKeyOf, MAX_NOISE, NOISE_TABLE } from '../../src/disclosure/cell-key-noise';

describe('the cell key noise table', () => {
  it('is centred, within ±MAX_NOISE, and leaves half the cells exact', () => {
    expect(NOISE_TABLE).toHaveLength(256);
    expect(NOISE_TABLE.reduce((sum, noise) => sum + noise, 0)).toBe(0);
    expect(Math.max(...NOISE_TABLE.map(Math.abs))).toBe(MAX_NOISE);
    expect(NOISE_TABLE.filter((noise) => noise === 0)).toHaveLength(128);
  });

  it('gives the same cell the same noise every time, and zero to a zero count', () => {
    for (let count = 0; count < 200; count += 7) {
      expect(cellKeyNoise(0.4242, count, 'users.count')).toBe(cellKeyNoise(0.4242, count, 'users.count'));
    }
    expect(cellKeyNoise(0.9, 0, 'users.count')).toBe(0);
  });

  it('never takes a count of at least one below one', () => {
    for (let key = 0; key < 1; key += 0.01) for (const count of [1, 2, 3]) expect(count + cellKeyNoise(key, count, 'm')).toBeGreaterThanOrEqual(1);
  });

  it('has noise of mean near zero over uniform cell keys', () => {
    let sum = 0;
    for (let i = 0; i < 10_000; i += 1) sum += cellKeyNoise((i * 0.6180339887) % 1, 100, 'users.count');
    expect(Math.abs(sum / 10_000)).toBeLessThan(0.05);
  });

  it('takes the key sum modulo 1', () => {
    expect(cellKeyOf(12.25)).toBeCloseTo(0.25);
    expect(cellKeyOf(0.75)).toBeCloseTo(0.75);
  });
});
