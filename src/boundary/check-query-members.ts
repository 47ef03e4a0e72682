import { can, groupPolicyOf } from '../auth/security-context';
import { checkMemberExpression } from './check-member-expression';
import type { ExpressionPosition } from './member-expression-sql';
import { unknownCube, unknownMember, unreadableQuery, wrongKind, QueryRefusal } from './query-refusal';
import type { MemberKind, VisibleMember, VisibleMembers } from './visible-members';

type Query = Record<string, unknown>;

const MEASURE_OR_DIMENSION: readonly MemberKind[] = ['measure', 'dimension'];
const DIRECTIONS = new Set(['asc', 'desc']);

/** Keys of a Cube query whose content the boundary checks or that carry no member. */
const KNOWN_KEYS = new Set([
  'measures', 'dimensions', 'segments', 'timeDimensions', 'filters', 'order', 'joinHints',
  'limit', 'offset', 'total', 'ungrouped', 'timezone', 'renewQuery', 'cache', 'cacheMode', 'responseFormat', 'rowLimit', 'queryType',
]);

/** Checks member references of one query against one caller's visible set. */
class QueryMemberCheck {
  private readonly named: VisibleMember[] = [];
  /** Aliases of the query's member expressions (`expr_0`, `users.expr_0`), which "order" may name. */
  private readonly aliases = new Set<string>();

  constructor(private readonly visible: VisibleMembers, private readonly securityContext: unknown, private readonly paramCount: number) {}

  /** A list of members in which member expressions may stand, each checked and rewritten by the boundary. */
  listWithExpressions(value: unknown, key: string, position: ExpressionPosition, kinds: readonly MemberKind[], allowGranularity = false): unknown {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw unreadableQuery(`"${key}" must be a list`);
    return value.map((item) => {
      if (!isMemberExpression(item)) {
        this.member(item, kinds, allowGranularity);
        return item;
      }
      const checked = checkMemberExpression(item, position, this.visible, this.securityContext, this.paramCount);
      const { cubeName, alias } = JSON.parse(checked) as { cubeName: string; alias: string };
      this.aliases.add(alias).add(`${cubeName}.${alias}`);
      return checked;
    });
  }

  /** The visible member `name` refers to, as one of `kinds`; refuses anything else. */
  member(name: unknown, kinds: readonly MemberKind[], allowGranularity = false): VisibleMember {
    if (typeof name !== 'string') throw unreadableQuery('members are named by strings such as "users.count"');
    const parts = name.split('.');
    // A time dimension may be named with its granularity: users.status_date.month.
    const base = allowGranularity && parts.length === 3 ? parts.slice(0, 2).join('.') : name;
    const member = this.visible.members.get(base);
    if (!member) throw unknownMember(name, this.visible, kinds);
    if (base !== name && member.type !== 'time') throw unknownMember(name, this.visible, kinds);
    if (!kinds.includes(member.kind)) throw wrongKind(base, member.kind, kinds);
    this.named.push(member);
    return member;
  }

  timeDimensions(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw unreadableQuery('"timeDimensions" must be a list');
    for (const entry of value) {
      if (!entry || typeof entry !== 'object') throw unreadableQuery('each time dimension is an object such as {"dimension": "users.status_date", "granularity": "month"}');
      // With or without granularity, with a dateRange or a compareDateRange: the member is named either way.
      this.member((entry as Query).dimension, ['dimension']);
    }
  }

  filters(value: unknown, depth = 0): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw unreadableQuery('"filters" must be a list');
    for (const filter of value) {
      if (!filter || typeof filter !== 'object' || Array.isArray(filter)) throw unreadableQuery('each filter is an object with "member", "operator" and "values", or "and"/"or"');
      const { and, or, member, dimension } = filter as Query;
      if (and !== undefined || or !== undefined) {
        if ((and !== undefined && or !== undefined) || member !== undefined || dimension !== undefined) {
          throw unreadableQuery('a filter has either "and", "or", or a "member"');
        }
        this.filters(and ?? or, depth + 1);
        continue;
      }
      if (member !== undefined && dimension !== undefined) throw unreadableQuery('a filter names its member once, under "member"');
      this.member(member ?? dimension, MEASURE_OR_DIMENSION);
    }
  }

  order(value: unknown): void {
    if (value === undefined || value === null) return;
    const pairs = Array.isArray(value) ? value : typeof value === 'object' ? Object.entries(value as Query) : undefined;
    if (!pairs) throw unreadableQuery('"order" is an object such as {"users.count": "desc"} or a list of [member, direction] pairs');
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2) throw unreadableQuery('"order" lists [member, direction] pairs');
      if (!this.aliases.has(pair[0] as string)) this.member(pair[0], MEASURE_OR_DIMENSION, true);
      if (!DIRECTIONS.has(pair[1] as string)) throw unreadableQuery('an order direction is "asc" or "desc"');
    }
  }

  joinHints(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value) || !value.every((hint) => Array.isArray(hint))) throw unreadableQuery('"joinHints" is a list of lists of cube names');
    for (const name of value.flat()) {
      if (typeof name !== 'string' || !this.visible.cubes.has(name)) throw unknownCube(String(name), this.visible);
    }
  }

  /** Masks Cube cannot apply in this query form. */
  masksHold(query: Query): void {
    if (query.ungrouped !== true) return;
    const masked = this.named.find((member) => member.masked && member.kind === 'measure');
    // Cube renders a measure per row in an ungrouped query and skips its SQL mask there.
    if (masked) throw new QueryRefusal(`${masked.name} is masked for this token, and an ungrouped query would show it unmasked: ask without "ungrouped"`);
  }
}

/** True for a member given as an expression (an object, or a JSON string as the SQL API sends them). */
function isMemberExpression(item: unknown): boolean {
  return (typeof item === 'string' && item.trimStart().startsWith('{')) || (item !== null && typeof item === 'object');
}

/**
 * Checks one Cube query (not a list) against the caller's visible set, in
 * every position a member can take: measures, dimensions, time dimensions
 * (with or without granularity, with dateRange or compareDateRange), filters
 * nested in and/or under every operator, segments, order in both forms, join
 * hints, member expressions. Throws a QueryRefusal for the first member outside
 * the set, in the same words as for a member that does not exist. Returns the
 * query to run: the same, with each member expression of a caller without the
 * `query_cubes` capability as the boundary rewrote it from its parse tree.
 * `memberExpressions` says whether Cube takes member expressions on this route
 * (the SQL API's); elsewhere they are refused. `expressionParamCount` is how many
 * expression parameters come with the query (expression-params.ts): a member
 * expression's `$n$` must name one of them.
 */
export function checkQueryMembers(query: unknown, visible: VisibleMembers, securityContext: unknown, memberExpressions = true, expressionParamCount = 0): Query {
  if (!query || typeof query !== 'object' || Array.isArray(query)) throw unreadableQuery('the query must be a JSON object such as {"measures": ["users.count"]}');
  const fields = query as Query;
  const expressions = ['measures', 'dimensions', 'segments'].some((key) => Array.isArray(fields[key]) && (fields[key] as unknown[]).some(isMemberExpression));
  if (expressions && !memberExpressions) throw unreadableQuery('member expressions are taken over the SQL API only; name members such as "users.count"');
  // Groups cleared for the cubes may send any member expression and subquery join Cube accepts.
  if (can(securityContext, 'query_cubes') && (expressions || fields.subqueryJoins !== undefined)) return fields;
  const unknownKey = Object.keys(fields).find((key) => !KNOWN_KEYS.has(key));
  if (unknownKey !== undefined) throw unreadableQuery(`"${unknownKey.slice(0, 40)}" is not a query field`);
  const check = new QueryMemberCheck(visible, securityContext, expressionParamCount);
  const checked: Query = { ...fields };
  // Member expressions carry SQL of their own: each is checked by its parse tree and rewritten (check-member-expression.ts).
  const lists: [string, ExpressionPosition, MemberKind, boolean][] = [['measures', 'measure', 'measure', false], ['dimensions', 'dimension', 'dimension', true], ['segments', 'segment', 'segment', false]];
  for (const [key, position, kind, allowGranularity] of lists) {
    const list = check.listWithExpressions(fields[key], key, position, [kind], allowGranularity);
    if (list !== undefined) checked[key] = list;
  }
  check.timeDimensions(fields.timeDimensions);
  check.filters(fields.filters);
  check.order(fields.order);
  check.joinHints(fields.joinHints);
  check.masksHold(fields);
  timeZoneHolds(fields.timezone, securityContext);
  return checked;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC']);

/**
 * For a group with a finest time granularity, days are UTC's: a day in another time zone
 * (+05:45, +13:45) is a window shifted by minutes, and differenced with UTC's day it counts
 * the people of those minutes.
 */
function timeZoneHolds(timezone: unknown, securityContext: unknown): void {
  if (timezone === undefined || !groupPolicyOf(securityContext)?.disclosure) return;
  if (typeof timezone === 'string' && UTC_NAMES.has(timezone)) return;
  throw new QueryRefusal('"timezone" is UTC for this token: days in another time zone, differenced with UTC\'s, would count people by the minute. Ask without "timezone".');
}
