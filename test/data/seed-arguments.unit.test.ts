import { describe, expect, it } from 'vitest';
import { parseSeedArguments } from '../../src/seed/seed-arguments';
import { checkSeedPlan } from '../../src/seed/seed-plan';

describe('seed arguments', () => {
  it('reads every option', () => {
    expect(parseSeedArguments(['--users', '500', '--seed', 'alpha', '--as-of', '2026-01-31', '--reset']))
      .toEqual({ users: 500, seed: 'alpha', asOf: '2026-01-31', reset: true, json: false });
  });

  it('names the argument that is wrong', () => {
    expect(() => parseSeedArguments([])).toThrow('--users is required');
    expect(() => parseSeedArguments(['--users', '-5'])).toThrow('--users must be a whole number, not "-5"');
    expect(() => parseSeedArguments(['--users', '5', '--seed'])).toThrow('--seed needs a value');
    expect(() => parseSeedArguments(['--users', '5', '--fast'])).toThrow('unknown argument "--fast"');
    expect(() => checkSeedPlan({ users: 5, seed: '1', asOf: '2026-02-30' })).toThrow('"2026-02-30" is not a date');
  });
});
