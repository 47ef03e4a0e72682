import { DISCLOSURE_KEY_SUM, DISCLOSURE_PEOPLE, isDisclosureMember } from './disclosure-member-names';
import { memberNameOf } from './member-name-of';
import type { AnswerLayout } from './suppress-cells';

/**
 * Which columns of the driver's rows are the cell's coordinates, the caller's
 * measures and the internal people counts, from the alias map of the SQL Cube
 * generated for the admitted query.
 *
 * @param aliasToMember column alias to member (`users.creation_date.month` for a time dimension)
 * @param asked the measures the caller asked for, names or member expressions (a calculated measure is a measure)
 * @param countMembers measures that are counts (perturbed by the cell key method)
 */
export function answerLayout(aliasMap: Readonly<Record<string, unknown>>, asked: readonly unknown[], countMembers: ReadonlySet<string>) {
  const measures = asked.map(memberNameOf);
  // Cube's map names a member expression's column by the expression itself.
  const aliasToMember: Record<string, string> = Object.fromEntries(Object.entries(aliasMap).map(([alias, member]) => [alias, memberNameOf(member)]));
  const keys = {
    dimensionKeys: [] as string[], measureKeys: [] as string[], countKeys: new Set<string>(), peopleKeys: [] as string[], keySumKeys: [] as string[],
  };
  for (const [alias, member] of Object.entries(aliasToMember)) {
    const field = member.split('.')[1];
    if (field === DISCLOSURE_PEOPLE) keys.peopleKeys.push(alias);
    else if (field === DISCLOSURE_KEY_SUM) keys.keySumKeys.push(alias);
    else if (measures.includes(member)) {
      keys.measureKeys.push(alias);
      if (countMembers.has(member)) keys.countKeys.add(alias);
    } else if (!isDisclosureMember(member)) keys.dimensionKeys.push(alias);
  }
  // Coordinates in member order: the same cells give the same suppression pattern whichever route asked.
  keys.dimensionKeys.sort((a, b) => (aliasToMember[a]! < aliasToMember[b]! ? -1 : 1));
  // Without a people count no cell can be judged; answering anyway would fail open.
  if (keys.peopleKeys.length === 0) throw new Error('disclosure control: the answer has no count of people per cell, so it is withheld');
  const layout: AnswerLayout = keys;
  const entries = Object.entries(aliasToMember);
  return {
    keys: layout,
    memberOf: (alias: string) => aliasToMember[alias] ?? alias,
    /**
     * The column of a member; a time dimension named without granularity is its column with one,
     * and a member expression, which an order names by its alias alone, is `view.alias`.
     */
    aliasOf: (member: string) => (entries.find(([, name]) => name === member) ?? entries.find(([, name]) => name.startsWith(`${member}.`))
      ?? (member.includes('.') ? undefined : entries.find(([, name]) => name.slice(name.indexOf('.') + 1) === member)))?.[0],
  };
}
