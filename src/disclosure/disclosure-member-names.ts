/** Members named with this prefix are internal to disclosure control: no caller may name them. */
export const DISCLOSURE_PREFIX = 'disclosure_';

/** People in a cell, by the view's rule in `people_per_view`. */
export const DISCLOSURE_PEOPLE = 'disclosure_people';

/** Sum of the record keys of a cell's people; modulo 1 it is the cell key. */
export const DISCLOSURE_KEY_SUM = 'disclosure_key_sum';

/** What a view includes so disclosure control can add the measures to its queries. */
export const DISCLOSURE_MEMBERS = [DISCLOSURE_PEOPLE, DISCLOSURE_KEY_SUM] as const;

/** `view.member` or `view.member.granularity` names a disclosure member. */
export function isDisclosureMember(name: string): boolean {
  return (name.split('.')[1] ?? '').startsWith(DISCLOSURE_PREFIX);
}
