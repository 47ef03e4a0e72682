import { privacyConfig } from '../privacy/privacy-config';
import { TIME_GRANULARITIES, type DisclosureSettings, type TimeGranularity } from '../privacy/disclosure-settings';
import { DISCLOSURE_KEY_SUM, DISCLOSURE_PEOPLE, isDisclosureMember } from './disclosure-member-names';
import { DisclosureRefusal } from './disclosure-refusal';
import { checkTimeFilters } from './time-filter-alignment';
import { withoutDuplicateRowFilters } from './duplicate-row-filters';
import { isMemberExpressionObject, memberNameOf } from './member-name-of';

/** The parts of Cube's normalized query that disclosure control reads or extends (members are names, or member expressions as Cube parsed them). */
export interface CubeQuery {
  measures?: unknown[];
  dimensions?: unknown[];
  segments?: unknown[];
  timeDimensions?: { dimension: string; granularity?: string; dateRange?: unknown }[];
  filters?: unknown[];
  ungrouped?: boolean;
  limit?: number | null;
  offset?: number | null;
  [key: string]: unknown;
}

function viewOf(member: string): string {
  return member.split('.')[0] ?? member;
}

function fieldOf(member: string): string {
  return member.split('.')[1] ?? member;
}

function filterMembers(filters: readonly unknown[]): string[] {
  return filters.flatMap((filter) => {
    const node = filter as { member?: unknown; dimension?: unknown; and?: unknown[]; or?: unknown[] };
    const own = [node.member, node.dimension].filter((name): name is string => typeof name === 'string');
    return [...own, ...filterMembers(node.and ?? []), ...filterMembers(node.or ?? [])];
  });
}

/**
 * The views whose cells the query asks for: those of its measures, dimensions,
 * time dimensions and segments, and of filters on a view with a people rule.
 * Other filters are on the cubes behind the views, added by row-level security.
 */
export function viewsOfQuery(query: CubeQuery, rules: Readonly<Record<string, unknown>> = privacyConfig().peoplePerView): string[] {
  const asked = [
    ...[...(query.measures ?? []), ...(query.dimensions ?? []), ...(query.segments ?? [])].map(memberNameOf),
    ...(query.timeDimensions ?? []).map((td) => td.dimension),
  ].map(viewOf);
  const filtered = filterMembers(query.filters ?? []).map(viewOf).filter((view) => rules[view] !== undefined);
  return [...new Set([...asked, ...filtered])];
}

function checkGranularity(member: string, granularity: string, finest: TimeGranularity): void {
  const rank = TIME_GRANULARITIES.indexOf(granularity as TimeGranularity);
  if (rank >= TIME_GRANULARITIES.indexOf(finest)) return;
  const allowed = TIME_GRANULARITIES.slice(TIME_GRANULARITIES.indexOf(finest)).join(', ');
  throw new DisclosureRefusal(
    `${fieldOf(member)} cannot be grouped by ${granularity} for this group: the finest granularity is ${finest} (use one of ${allowed}).`,
  );
}

/** One entry of Cube's normalized order. */
export interface OrderItem {
  id: string;
  desc: boolean;
}

/**
 * The order Cube gives a query that names none (BaseQuery.defaultOrder): by the
 * first time dimension with a granularity, else by the first measure descending
 * when there are dimensions, else by the first dimension. Worked out from the
 * caller's query, not the admitted one, whose first measure may be the people count.
 */
export function effectiveOrder(query: CubeQuery & { order?: OrderItem[] }): OrderItem[] {
  if (query.order?.length) return query.order;
  const timed = (query.timeDimensions ?? []).find((td) => td.granularity !== undefined);
  if (timed) return [{ id: timed.dimension, desc: false }];
  const [measure] = (query.measures ?? []).map(memberNameOf);
  const [dimension] = (query.dimensions ?? []).map(memberNameOf);
  if (measure !== undefined && dimension !== undefined) return [{ id: measure, desc: true }];
  return dimension !== undefined ? [{ id: dimension, desc: false }] : [];
}

/** Rows Cube returns when a query sets no limit; cells are judged on at least this many. */
export const DEFAULT_ROW_LIMIT = 10_000;

/** Members of the compiled model the checks need to tell apart. */
export interface ModelMemberKinds {
  readonly timeMembers: ReadonlySet<string>;
  readonly measures: ReadonlySet<string>;
  /** View member to the cube member it reads (Cube's `aliasMember`). */
  readonly aliasOf?: ReadonlyMap<string, string>;
}

/** Whether any filter of the query compares a measure (SQL HAVING). */
export function filtersOnMeasures(query: CubeQuery, measures: ReadonlySet<string>): boolean {
  return filterMembers(query.filters ?? []).some((member) => measures.has(member));
}

/**
 * Checks a query of a group with a minimum cell size and returns the query to
 * run instead: with the measures that count each cell's people (and sum their
 * record keys, when the group's counts are perturbed), time fields asked as
 * raw timestamps coarsened to the finest granularity, and no limit or offset
 * below DEFAULT_ROW_LIMIT (they are applied once the cells are judged, so which
 * rows a page holds never depends on a suppressed value). Refuses, with what to
 * do instead:
 * - ungrouped queries (one row per person);
 * - time fields grouped, or filtered, finer than the group's finest granularity;
 * - filters on measures when counts are perturbed (they would compare exact counts);
 * - views for which no people rule is configured, and internal members;
 * - member expressions among the measures when counts are perturbed.
 * Member expressions (checked by the privacy boundary) are cells' coordinates and
 * measures like members: their people are counted by their view's rule.
 */
export function admitQuery(query: CubeQuery, settings: DisclosureSettings, kinds: ModelMemberKinds): CubeQuery {
  if (query.ungrouped) {
    throw new DisclosureRefusal(
      `Ungrouped queries list one row per person; this group gets grouped answers whose cells aggregate at least ${settings.minCellSize} people. `
      + 'Ask for measures by dimensions (in SQL GROUP BY with an aggregate such as COUNT(*); over REST without "ungrouped").',
    );
  }
  for (const { dimension, granularity } of query.timeDimensions ?? []) {
    if (granularity !== undefined) checkGranularity(dimension, granularity, settings.finestTimeGranularity);
  }
  checkTimeFilters(query, kinds.timeMembers, settings.finestTimeGranularity);
  if (settings.perturbation === 'cell-key' && (query.measures ?? []).some(isMemberExpressionObject)) {
    throw new DisclosureRefusal(
      'Calculated measures are not available to this group: its counts carry cell key noise, which a value computed in the database could not carry consistently. '
      + 'Ask for the measures themselves.',
    );
  }
  const named = [...[...(query.measures ?? []), ...(query.dimensions ?? []), ...(query.segments ?? [])].map(memberNameOf), ...filterMembers(query.filters ?? [])];
  const internal = named.find(isDisclosureMember);
  if (internal !== undefined) throw new DisclosureRefusal(`${internal} is not a member you can query; GET /cubejs-api/v1/meta lists them.`);
  if (settings.perturbation === 'cell-key' && filtersOnMeasures(query, kinds.measures)) {
    throw new DisclosureRefusal(
      'Filters on measures (SQL HAVING) are not available to this group: its counts carry cell key noise, and a filter would compare the exact counts. '
      + 'Filter the answer you get instead.',
    );
  }
  // A timestamp can single out a person: asked raw, it comes back as its finest allowed granularity (same key in the rows).
  const isRawTime = (dimension: unknown): dimension is string => typeof dimension === 'string' && kinds.timeMembers.has(dimension);
  const rawTimes = (query.dimensions ?? []).filter(isRawTime);
  const timeDimensions = [
    ...(query.timeDimensions ?? []),
    ...rawTimes.map((dimension) => ({ dimension, granularity: settings.finestTimeGranularity })),
  ];
  const dimensions = (query.dimensions ?? []).filter((dimension) => !isRawTime(dimension));
  const rules = privacyConfig().peoplePerView;
  const views = viewsOfQuery(query, rules);
  const unknown = views.find((view) => !rules[view]);
  if (views.length === 0 || unknown !== undefined) {
    throw new DisclosureRefusal(`${unknown ?? 'The query'} has no rule for counting people (people_per_view in model/privacy.yml), so this group cannot query it.`);
  }
  const added = views.flatMap((view) => [
    `${view}.${DISCLOSURE_PEOPLE}`,
    ...(settings.perturbation === 'cell-key' ? [`${view}.${DISCLOSURE_KEY_SUM}`] : []),
  ]);
  const measures = query.measures ?? [];
  const names = measures.map(memberNameOf);
  const rows = Math.max(DEFAULT_ROW_LIMIT, (query.limit ?? DEFAULT_ROW_LIMIT) + (query.offset ?? 0));
  return {
    ...query,
    measures: [...measures, ...added.filter((member) => !names.includes(member))],
    dimensions,
    timeDimensions,
    ...(query.filters && kinds.aliasOf ? { filters: withoutDuplicateRowFilters(query.filters, kinds.aliasOf) } : {}),
    // Stated, so the database never orders by the people count that comes first when the caller asked no measure.
    order: effectiveOrder(query),
    limit: rows,
    rowLimit: rows,
    offset: undefined,
  };
}
