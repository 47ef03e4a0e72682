import { privacyConfig } from '../privacy/privacy-config';
import { preAggregationStorage } from '../model/pre-aggregation-storage';
import type { PeopleRule } from '../privacy/disclosure-settings';
import { DISCLOSURE_KEY_SUM, DISCLOSURE_PEOPLE } from './disclosure-member-names';

// Internal measures: `public: false` keeps them out of Cube's /meta, and the privacy
// boundary refuses every `disclosure_` name from callers. Only disclosure control
// adds them to a query, after the boundary has checked it.
const internal = (description: string) => ({ public: false, title: description, description: `Internal to disclosure control: ${description}` });

/** One person per user row; record keys sum, so both roll up. */
function userPeople() {
  return {
    [DISCLOSURE_PEOPLE]: { type: 'count', ...internal('people in the cell') },
    [DISCLOSURE_KEY_SUM]: { sql: (CUBE: unknown) => `${CUBE}.record_key`, type: 'sum', ...internal('sum of the record keys of the people in the cell') },
  };
}

/**
 * The non-identifying snapshot an activity row keeps. It stands for a person on
 * anonymized rows, which no longer name one. Two people with the same snapshot
 * (or a hash collision) count once: the count can only err low.
 */
function profileColumns(CUBE: unknown): string[] {
  return privacyConfig().activitySnapshot
    .filter((field) => field.privacyClass !== 'identifying')
    .map((field) => `${CUBE}.${field.member}`);
}

/** A hash of the snapshot, for the record key of an anonymized profile. */
function profileSql(CUBE: unknown): string {
  return `hashtextextended(concat_ws(chr(31), ${profileColumns(CUBE).join(', ')}), 0)`;
}

/** Buckets of the bitmaps that stand for a cell's people. */
const BUCKETS = 256;

/**
 * Marks a `number` measure whose value is a bit string OR-ed over its rows, so
 * rows of a rollup merge again with bit_or (src/cube/patches/bit-or-rollup-measures.ts):
 * a coarser question is answered from a finer rollup with the bitmap it would
 * have got from the rows themselves.
 */
export const MERGES_WITH_BIT_OR = { rollup_merge: 'bit_or' } as const;

/** The two bitmaps of an activity cell; internal, as every `disclosure_` member. */
const NAMED_SKETCH = 'disclosure_named_sketch';
const PROFILE_SKETCH = 'disclosure_profile_sketch';

/**
 * The 256-bucket bitmap of the hashes of `key` over the rows where `when` holds.
 * Its bit count is a lower bound on the distinct keys, never above it (keys
 * sharing a bucket count once). One bitmap OR-ed over the rows costs a plain
 * aggregate instead of the sort count(DISTINCT ...) needs; five people fall in
 * five buckets 96 % of the time, and the count stops at 256, far above any
 * minimum cell size. OR is associative, so the OR of a cell's rollup rows is
 * the bitmap of its rows: the count from a rollup is the count from the table.
 */
function bucketBitmap(key: string, when: string): string {
  return `bit_or(CASE WHEN ${when} THEN set_bit(repeat('0', ${BUCKETS})::bit(${BUCKETS}), `
    + `(hashtextextended(${key}, 0) & ${BUCKETS - 1})::int, 1) END)`;
}

/** Bits set in a bitmap; a cell without such rows has none. */
const bitsSet = (bitmap: unknown) => `coalesce(bit_count(${bitmap}), 0)`;

/**
 * Activity: at least the larger of the users named by the cell's rows and the
 * snapshot profiles of its anonymized rows. Not their sum: one person can be both
 * (named recent loans, anonymized older ones), and the larger alone never counts
 * anyone twice. Both are lower bounds (see bucketBitmap), so the count errs
 * low, and suppresses more, never less. The two bitmaps are measures of their
 * own, so rollups keep them and the larger is taken only after they are merged.
 */
function borrowerPeople() {
  return {
    [NAMED_SKETCH]: {
      sql: (CUBE: unknown) => bucketBitmap(`${CUBE}.user_id`, `${CUBE}.user_id IS NOT NULL`),
      type: 'number', meta: MERGES_WITH_BIT_OR, ...internal('bitmap of the named users of the cell'),
    },
    [PROFILE_SKETCH]: {
      sql: (CUBE: unknown) => bucketBitmap(`concat_ws(chr(31), ${profileColumns(CUBE).join(', ')})`, `${CUBE}.user_id IS NULL`),
      type: 'number', meta: MERGES_WITH_BIT_OR, ...internal('bitmap of the snapshot profiles of the anonymized rows of the cell'),
    },
    [DISCLOSURE_PEOPLE]: {
      sql: (CUBE: Record<string, unknown>) => `greatest(${bitsSet(CUBE[NAMED_SKETCH])}, ${bitsSet(CUBE[PROFILE_SKETCH])})`,
      type: 'number', ...internal('people in the cell (a lower bound)'),
    },
    [DISCLOSURE_KEY_SUM]: {
      // A named user's key is their record key; an anonymized profile's key is derived from the profile.
      sql: (CUBE: unknown) => `coalesce(sum(DISTINCT (SELECT u.record_key FROM alma.users u WHERE u.user_id = ${CUBE}.user_id)), 0)`
        + ` + coalesce(sum(DISTINCT CASE WHEN ${CUBE}.user_id IS NULL THEN (${profileSql(CUBE)} & 2147483647)::double precision / 2147483648 END), 0)`,
      type: 'number', ...internal('sum of the record keys of the people in the cell'),
    },
  };
}

/**
 * The people measures an activity rollup keeps: the two bitmaps where rollups
 * live in PostgreSQL, so any coarser question can merge them; the count itself
 * in Cube Store, which has no bit strings (that rollup then serves only
 * questions at its own grain).
 *
 * @example measures: [CUBE.num_of_loans, ...activityPeopleInRollups(CUBE)]
 */
export function activityPeopleInRollups(CUBE: Record<string, unknown>): unknown[] {
  return preAggregationStorage().external ? [CUBE[DISCLOSURE_PEOPLE]] : [CUBE[NAMED_SKETCH], CUBE[PROFILE_SKETCH]];
}

const MEASURES: Record<PeopleRule, () => Record<string, object>> = { user: userPeople, borrower: borrowerPeople };

/**
 * The internal measures that count the people of a cell of `view` and sum their
 * record keys, by the view's rule in model/privacy.yml (`people_per_view`). The
 * cube behind the view defines them and the view includes DISCLOSURE_MEMBERS.
 *
 * @example measures: { ..., ...disclosureMeasuresFor('fulfillment') }
 */
export function disclosureMeasuresFor(view: string): Record<string, object> {
  const rule = privacyConfig().peoplePerView[view];
  if (!rule) throw new Error(`model/privacy.yml: people_per_view names no rule for the view ${view}`);
  return MEASURES[rule]();
}
