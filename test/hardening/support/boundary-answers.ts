import { expect } from 'vitest';
import type { RestAnswer } from './rest-client';

/** A member no model has: what a hidden member's refusal must look exactly like. */
export const NO_SUCH_MEMBER = 'users.no_such_member';

/**
 * The words of a refusal with the member the caller named replaced by a
 * placeholder, and without the "did you mean" hint (which depends on the
 * spelling asked, not on whether the member exists).
 */
export function refusalWords(answer: RestAnswer, asked: string): string {
  return String(answer.body.error ?? answer.text).replaceAll(asked, '<member>').replace(/\s*Did you mean[\s\S]*$/, '');
}

/**
 * The query naming a hidden member was refused exactly as the same query naming
 * a member that does not exist: same status, same words, no data.
 */
export function expectRefusedLikeUnknown(hidden: RestAnswer, unknown: RestAnswer, asked: string, unknownName = NO_SUCH_MEMBER): void {
  expect(hidden.status, `${asked}: ${hidden.text.slice(0, 300)}`).toBe(400);
  expect(hidden.body.data, asked).toBeUndefined();
  expect(unknown.status, unknown.text.slice(0, 300)).toBe(400);
  expect(refusalWords(hidden, asked), asked).toBe(refusalWords(unknown, unknownName));
}
