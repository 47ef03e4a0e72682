import { UserError } from '@cubejs-backend/api-gateway/dist/src/user-error';
import { closestName as closest } from './closest-name';
import type { MemberKind, VisibleMembers } from './visible-members';

/**
 * A query the privacy boundary will not pass to Cube. A UserError, so Cube's
 * gateway answers it with 400 and its message, over REST, GraphQL and the SQL API.
 */
export class QueryRefusal extends UserError {}

const META = 'GET /cubejs-api/v1/meta lists the members you can query';

/** The name as the caller gave it, cut short: a refusal echoes what was asked, not a page of it. */
function asked(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

/**
 * For a name given without its view (`count`), the caller's members of that
 * name with their view in front (`users.count`), those of the asked kinds
 * first; drawn from the visible set only, so hidden and unknown names read alike.
 */
function withViewNames(name: string, visible: VisibleMembers, kinds: readonly MemberKind[]): string[] {
  if (name.includes('.')) return [];
  const named = [...visible.members.values()].filter((member) => member.name.slice(member.name.indexOf('.') + 1) === name);
  const sameKind = named.filter((member) => kinds.includes(member.kind));
  return (sameKind.length > 0 ? sameKind : named).map((member) => member.name).sort();
}

/**
 * The one refusal for a member the caller may not name, whether it is hidden
 * from the caller or does not exist: the same words either way, and a
 * suggestion drawn only from what the caller may see, so the answer tells
 * nothing about members outside the caller's set.
 */
export function unknownMember(name: string, visible: VisibleMembers, kinds: readonly MemberKind[]): QueryRefusal {
  const inViews = withViewNames(name, visible, kinds);
  if (inViews.length > 0) {
    const quoted = inViews.slice(0, 10).map((full) => `"${full}"`);
    const listed = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0];
    return new QueryRefusal(`"${asked(name)}" needs the name of its view in front: ask for ${listed}; ${META}.`);
  }
  const sameKind = [...visible.members.values()].filter((member) => kinds.includes(member.kind)).map((member) => member.name);
  const suggestion = closest(name, sameKind);
  return new QueryRefusal(`"${asked(name)}" is not a member you can query; ${META}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
}

/** The refusal for a cube or view the caller may not name (join hints, member expressions). */
export function unknownCube(name: string, visible: VisibleMembers): QueryRefusal {
  const suggestion = closest(name, visible.cubes);
  return new QueryRefusal(`"${asked(name)}" is not a cube or view you can query; ${META}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
}

const PLACES: Record<MemberKind, string> = { measure: 'measures', dimension: 'dimensions', segment: 'segments' };

/** A member the caller may see, named where its kind does not go. */
export function wrongKind(name: string, kind: MemberKind, expected: readonly MemberKind[]): QueryRefusal {
  const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
  const wanted = expected.map((one) => `${article(one)} ${one}`).join(' or ');
  return new QueryRefusal(`${name} is ${article(kind)} ${kind}, not ${wanted}: put it under "${PLACES[kind]}"`);
}

/** A query whose shape the boundary cannot check member by member. */
export function unreadableQuery(problem: string): QueryRefusal {
  return new QueryRefusal(`Invalid query: ${problem}`);
}
