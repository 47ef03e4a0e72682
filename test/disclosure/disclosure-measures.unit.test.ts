import { afterEach, describe, expect, it, vi } from 'vitest';
import { activityPeopleInRollups, disclosureMeasuresFor, MERGES_WITH_BIT_OR } from '../../src/disclosure/disclosure-measures';
import { isDisclosureMember } from '../../src/disclosure/disclosure-member-names';

// The activity people count is built from two bitmaps that rollups keep and merge
// (test/disclosure/people-from-rollups.test.ts checks the answers against the database).
const CUBE = new Proxy({}, { get: (_target, name) => `ref:${String(name)}` }) as Record<string, unknown>;

afterEach(() => vi.unstubAllEnvs());

describe('the activity people measures', () => {
  const measures = disclosureMeasuresFor('fulfillment') as Record<string, { type: string; public: boolean; meta?: object; sql: (cube: unknown) => string }>;

  it('are internal: named with the disclosure prefix, so no caller can name them, and out of /meta', () => {
    for (const [name, measure] of Object.entries(measures)) {
      expect(isDisclosureMember(`fulfillment.${name}`), name).toBe(true);
      expect(measure.public, name).toBe(false);
    }
  });

  it('keep the two bitmaps as measures that merge with bit_or, and count people only from the merged bitmaps', () => {
    const bitmaps = Object.entries(measures).filter(([, measure]) => measure.meta === MERGES_WITH_BIT_OR).map(([name]) => name);
    expect(bitmaps.sort()).toEqual(['disclosure_named_sketch', 'disclosure_profile_sketch']);
    for (const name of bitmaps) expect(measures[name]!.sql('loans')).toMatch(/^bit_or\(CASE WHEN .* END\)$/s);
    expect(measures.disclosure_people!.sql(CUBE))
      .toBe('greatest(coalesce(bit_count(ref:disclosure_named_sketch), 0), coalesce(bit_count(ref:disclosure_profile_sketch), 0))');
  });
});

describe('activityPeopleInRollups', () => {
  it('gives rollups in PostgreSQL the two bitmaps', () => {
    vi.stubEnv('CUBEJS_CUBESTORE_HOST', '');
    expect(activityPeopleInRollups(CUBE)).toEqual(['ref:disclosure_named_sketch', 'ref:disclosure_profile_sketch']);
  });

  it('gives rollups in Cube Store, which has no bit strings, the count itself', () => {
    vi.stubEnv('CUBEJS_CUBESTORE_HOST', 'cubestore-router');
    expect(activityPeopleInRollups(CUBE)).toEqual(['ref:disclosure_people']);
  });
});
