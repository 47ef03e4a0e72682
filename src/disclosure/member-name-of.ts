/**
 * The name of a member of Cube's normalized query: the member itself, or for a member
 * expression (an object once Cube parsed it) `cubeName.name`, the key of its column in
 * Cube's alias map and rows.
 */
export function memberNameOf(member: unknown): string {
  if (typeof member === 'string') return member;
  const { cubeName, name } = (member ?? {}) as { cubeName?: unknown; name?: unknown };
  if (typeof cubeName === 'string' && typeof name === 'string') return `${cubeName}.${name}`;
  // Nothing else reaches disclosure control past the privacy boundary; refusing keeps it closed if it did.
  throw new Error('disclosure control: a member that is neither a name nor a member expression');
}

/** Whether a member of Cube's normalized query is a member expression. */
export function isMemberExpressionObject(member: unknown): boolean {
  return typeof member === 'object' && member !== null;
}
