/**
 * The error for a member the caller may not see.
 *
 * The gateway builds the annotation from the caller's visible meta, so a
 * requested member missing from it is hidden from this caller. The message is
 * Cube's own and names only the member the caller asked for; it never says
 * why the member is hidden or what else exists.
 */
import type { AnnotationItem, NormalizedQuery } from './transform-request';
import { memberNameOf } from './transform-request';

export class HiddenMemberError extends Error {
  /**
   * Cube's gateway answers errors of this type with 400, as it answers a member
   * that does not exist. Cube's Rust module gives 500 here, and the different
   * status alone told a caller which hidden members exist.
   */
  readonly type = 'UserError';

  constructor(member: string) {
    super(
      `You requested hidden member: '${member}'. Please make it visible using \`public: true\`. ` +
      'Please note primaryKey fields are `public: false` by default: ' +
      'https://cube.dev/docs/schema/reference/joins#setting-a-primary-key.',
    );
    // Cube's Rust module rejects with a plain Error; the gateway shows it as `Error: ...`.
    this.name = 'Error';
  }
}

export function assertMemberVisible(member: string, annotation: Record<string, AnnotationItem>): void {
  if (!Object.hasOwn(annotation, member)) throw new HiddenMemberError(member);
}

/**
 * An empty result has no columns to check, so check what was asked for instead:
 * otherwise a hidden member would answer with a silent empty result. Time
 * dimensions without granularity only filter, so they are not in the annotation.
 */
export function assertRequestedMembersVisible(query: NormalizedQuery, annotation: Record<string, AnnotationItem>): void {
  for (const member of [...(query.measures ?? []), ...(query.dimensions ?? [])]) {
    assertMemberVisible(memberNameOf(member), annotation);
  }
  for (const timeDimension of query.timeDimensions ?? []) {
    if (timeDimension.granularity != null) assertMemberVisible(timeDimension.dimension, annotation);
  }
}
