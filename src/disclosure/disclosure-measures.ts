import { privacyConfig } from '../privacy/privacy-config';
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
 * A hash of the non-identifying snapshot an activity row keeps. It stands for a
 * person on anonymized rows, which no longer name one. Two people with the same
 * snapshot (or a hash collision) count once: the count can only err low.
 */
function profileSql(CUBE: unknown): string {
  const columns = privacyConfig().activitySnapshot
    .filter((field) => field.privacyClass !== 'identifying')
    .map((field) => `${CUBE}.${field.member}`);
  return `hashtextextended(concat_ws(chr(31), ${columns.join(', ')}), 0)`;
}

/**
 * Activity: the distinct users of the rows that still name one, plus the distinct
 * profiles of anonymized rows that no named row of the cell shares (a person with
 * both kinds of rows, unchanged snapshot, counts once).
 */
function borrowerPeople() {
  return {
    disclosure_borrowers: { sql: (CUBE: unknown) => `${CUBE}.user_id`, type: 'count_distinct', ...internal('users named by the rows of the cell') },
    disclosure_profiles: { sql: profileSql, type: 'count_distinct', ...internal('snapshot profiles of the rows of the cell') },
    disclosure_named_profiles: {
      sql: (CUBE: unknown) => `CASE WHEN ${CUBE}.user_id IS NOT NULL THEN ${profileSql(CUBE)} END`,
      type: 'count_distinct', ...internal('snapshot profiles of the rows of the cell that name a user'),
    },
    [DISCLOSURE_PEOPLE]: {
      sql: (CUBE: Record<string, unknown>) => `${CUBE.disclosure_borrowers} + ${CUBE.disclosure_profiles} - ${CUBE.disclosure_named_profiles}`,
      type: 'number', ...internal('people in the cell'),
    },
    [DISCLOSURE_KEY_SUM]: {
      // A named user's key is their record key; an anonymized profile's key is derived from the profile.
      sql: (CUBE: unknown) => `coalesce(sum(DISTINCT (SELECT u.record_key FROM alma.users u WHERE u.user_id = ${CUBE}.user_id)), 0)`
        + ` + coalesce(sum(DISTINCT CASE WHEN ${CUBE}.user_id IS NULL THEN (${profileSql(CUBE)} & 2147483647)::double precision / 2147483648 END), 0)`,
      type: 'number', ...internal('sum of the record keys of the people in the cell'),
    },
  };
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
