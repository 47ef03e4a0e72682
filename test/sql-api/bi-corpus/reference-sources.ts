import { privacyConfig, treatmentOf } from '../../../src/privacy/privacy-config';
import { userDetailsFields } from '../../../src/user-details/user-details-fields';

const ACTIVITY_TABLES = ['loans', 'fines_fees', 'borrowing_requests'] as const;

/**
 * alma.users as `group` sees it: masked fields through their mask (model/privacy.yml),
 * every other column as stored. Hidden columns stay, for the people counts; a statement
 * that names one is refused before its reference matters.
 */
function usersAsSeenBy(group: string): string {
  const columns = userDetailsFields().map((field) => {
    if (treatmentOf(field, group) !== 'masked') return field.member;
    const mask = privacyConfig().masks[field.member];
    if (!mask) throw new Error(`no mask for ${field.member} in model/privacy.yml`);
    return `${mask.sql.replaceAll('{column}', field.member)} AS ${field.member}`;
  });
  return columns.some((column) => column.includes(' AS ')) ? `(SELECT ${columns.join(', ')} FROM alma.users)` : 'alma.users';
}

/**
 * The people behind one aggregated row of an activity table, as model/privacy.yml's
 * `borrower` rule counts them: the users the rows still name, plus the snapshot profiles
 * of anonymized rows that no named row of the cell shares (all profiles minus named ones).
 * Profiles are told apart exactly here; disclosure control hashes them, which can only merge
 * two, so a row this calls small is small for disclosure control too.
 */
function activityPeople(alias: string): string {
  const profile = `ROW(${privacyConfig().activitySnapshot
    .filter((field) => field.privacyClass !== 'identifying')
    .map((field) => `${alias}.${field.member}`).join(', ')})`;
  return `(count(DISTINCT ${alias}.user_id) + count(DISTINCT ${profile}) - count(DISTINCT ${profile}) FILTER (WHERE ${alias}.user_id IS NOT NULL))`;
}

/**
 * The reference SQL of a corpus statement for `group`: `{users}` and the activity
 * tables become the tables as the group sees them, `{people:<table>:<alias>}` the
 * number of distinct people behind a row (as the disclosure rules count them).
 * The texts are the corpus's own constants, never input.
 */
export function referenceFor(reference: string, group: string): string {
  return reference.replace(/\{(people:)?([a-z_]+)(?::([a-z_][a-z0-9_]*))?\}/g, (whole, people: string | undefined, table: string, alias: string | undefined) => {
    if (people) {
      if (!alias) throw new Error(`${whole} needs an alias: {people:${table}:<alias>}`);
      if (table === 'users') return `count(DISTINCT ${alias}.user_id)`;
      if ((ACTIVITY_TABLES as readonly string[]).includes(table)) return activityPeople(alias);
    } else {
      if (table === 'users') return usersAsSeenBy(group);
      if ((ACTIVITY_TABLES as readonly string[]).includes(table)) return `alma.${table}`;
    }
    throw new Error(`unknown placeholder ${whole} in a corpus reference`);
  });
}
