import { ResultWrapper } from '@cubejs-backend/native';
import { groupPolicyOf } from '../../auth/security-context';
import { effectiveOrder, filtersOnMeasures, type CubeQuery, type OrderItem } from '../../disclosure/admit-query';
import { answerLayout } from '../../disclosure/answer-layout';
import { arrangeAnswer } from '../../disclosure/arrange-answer';
import type { DisclosureAnnotation } from '../../disclosure/disclosure-annotation';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import { suppressCells } from '../../disclosure/suppress-cells';
import { gatewayPrototype, metaMembers, type AdapterResponse, type GatewayInternals, type SqlQuery } from './cube-gateway-internals';

const installed = new WeakSet<object>();

type ProtectedResponse = AdapterResponse & {
  disclosure?: DisclosureAnnotation;
  /** Columns of time fields asked raw and answered coarsened, read as the member the caller named. */
  disclosureAliases?: Record<string, string>;
};

/** A filter row-level security adds: `equals` on the group's row filter member (of any view or cube), nested or not. */
function rowSecurityFilter(filter: unknown, rowMember: string | undefined): boolean {
  if (rowMember === undefined || !filter || typeof filter !== 'object') return false;
  const node = filter as { member?: unknown; operator?: unknown; and?: unknown[]; or?: unknown[] };
  const nested = node.and ?? node.or;
  if (Array.isArray(nested)) return nested.every((inner) => rowSecurityFilter(inner, rowMember));
  return typeof node.member === 'string' && node.member.endsWith(`.${rowMember}`) && node.operator === 'equals';
}

/**
 * Whether the caller's own query narrows the rows or aims its cells: a filter other than
 * the row-level security's, a segment, a time dimension's date range, or a dimension
 * given as an expression.
 */
function callerNarrowed(query: CubeQuery, securityContext: unknown): boolean {
  const rowMember = groupPolicyOf(securityContext)?.rowFilter?.member;
  const timeRanges = (query.timeDimensions ?? []) as { dateRange?: unknown; compareDateRange?: unknown }[];
  return (query.filters ?? []).some((filter) => !rowSecurityFilter(filter, rowMember))
    // Any segment: a model segment by name, or a condition of the caller's as a member expression.
    || (query.segments ?? []).length > 0
    // A dimension computed by the caller (CASE WHEN <aimed people> ...) can make a cell of its choosing.
    || (query.dimensions ?? []).some((dimension) => typeof dimension !== 'string')
    || timeRanges.some((td) => td.dateRange !== undefined || td.compareDateRange !== undefined);
}

/**
 * For a group with a minimum cell size, every answer read from the database
 * (REST load, GraphQL, the SQL API's load) goes through suppressCells and then
 * the caller's order, offset and limit before Cube shapes it, and its
 * annotation says what was suppressed. Wraps `getSqlResponseInternal` (rows,
 * alias map and the caller's query together) and `prepareResultTransformData`
 * (where the annotation joins the result).
 */
export function installDisclosureAnswerSuppression(gateway: GatewayInternals = gatewayPrototype): void {
  if (installed.has(gateway)) return;
  installed.add(gateway);
  const getSqlResponse = gateway.getSqlResponseInternal;
  gateway.getSqlResponseInternal = async function getSqlResponseInternal(this: GatewayInternals, context, normalizedQuery, sqlQuery) {
    const response = await getSqlResponse.call(this, context, normalizedQuery, sqlQuery);
    const settings = disclosurePolicyFor(context.securityContext);
    if (!settings) return response;
    const members = await metaMembers(this, context);
    const measures = new Set(members.filter((member) => member.aggType !== undefined).map((member) => member.name));
    const counts = new Set(members.filter((member) => /^count/.test(member.aggType ?? '')).map((member) => member.name));
    const query = normalizedQuery as CubeQuery & { order?: OrderItem[] };
    const layout = answerLayout(sqlQuery.aliasNameToMember, query.measures ?? [], settings.perturbation === 'cell-key' ? counts : new Set());
    const answer = suppressCells(Array.from(response.data as Iterable<Record<string, unknown>>), layout.keys, settings, filtersOnMeasures(query, measures));

    // Cube's default order when the caller gave none: by the first measure, so it is sorted again on the values shown.
    const order = effectiveOrder(query).flatMap(({ id, desc }) => {
      const key = layout.aliasOf(id);
      return key === undefined ? [] : [{ key, desc }];
    });
    const sortAgain = order.some(({ key }) => layout.keys.measureKeys.includes(key));
    const rows = arrangeAnswer(answer.rows, order, sortAgain, query.offset ?? 0, query.limit);

    // A time field the caller named as a plain dimension was answered by its finest allowed granularity.
    const disclosureAliases: Record<string, string> = {};
    // (A member expression keeps its own column: the boundary truncated the times in it.)
    for (const dimension of (query.dimensions ?? []).filter((name): name is string => typeof name === 'string')) {
      if (Object.values(sqlQuery.aliasNameToMember).includes(dimension)) continue;
      const coarsened = layout.aliasOf(dimension);
      if (coarsened !== undefined) disclosureAliases[coarsened] = dimension;
    }

    const disclosure: DisclosureAnnotation = {
      minCellSize: settings.minCellSize,
      perturbation: settings.perturbation,
      suppressedCells: rows.flatMap((row, index) => (answer.suppressedRows.has(row)
        ? layout.keys.measureKeys.map((alias): [number, string] => [index, layout.memberOf(alias)])
        : [])),
      // Counted only for a query the caller did not narrow: under its own filter, segment or date
      // range the count says whether an aimed cell is empty or holds fewer than k people.
      hiddenRows: callerNarrowed(query, context.securityContext) ? null : answer.hiddenRows,
    };
    // A new response object: the one Cube returned may be held by its result cache.
    // `total: true` is Cube's count of every row the database has, the rows left out included: it
    // would tell an aimed filter's small cell from an empty one. The caller gets the rows it can see.
    const total = response.total === undefined ? undefined : answer.rows.length;
    const result: ProtectedResponse = { ...response, total, data: new ResultWrapper(rows) as unknown as AdapterResponse['data'], disclosure, disclosureAliases };
    return result;
  };

  const prepare = gateway.prepareResultTransformData;
  gateway.prepareResultTransformData = function prepareResultTransformData(this: GatewayInternals, context, queryType, normalizedQuery, sqlQuery, annotation, response, responseType) {
    const { disclosure, disclosureAliases } = response as ProtectedResponse;
    if (!disclosure) return prepare.call(this, context, queryType, normalizedQuery, sqlQuery, annotation, response, responseType);
    const withAliases: SqlQuery = {
      ...(sqlQuery as SqlQuery),
      aliasNameToMember: { ...(sqlQuery as SqlQuery).aliasNameToMember, ...disclosureAliases },
    };
    return prepare.call(this, context, queryType, normalizedQuery, withAliases, { ...annotation, disclosure }, response, responseType);
  };
}
