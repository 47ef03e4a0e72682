/**
 * The disclosure-control keys of model/privacy.yml: per group a minimum cell
 * size and what goes with it, and per view who a cell counts as its people.
 * privacy-config.ts reads the rest of the file and calls these.
 */

/** Time granularities Cube knows, finest first. */
export const TIME_GRANULARITIES = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeGranularity = (typeof TIME_GRANULARITIES)[number];

/** How answers are protected for a group whose cells must aggregate at least `minCellSize` people. */
export interface DisclosureSettings {
  readonly minCellSize: number;
  /** User and activity time fields cannot be asked for, or returned, finer than this. */
  readonly finestTimeGranularity: TimeGranularity;
  /** 'cell-key': counts get the fixed noise of the cell key method; null: exact counts. */
  readonly perturbation: 'cell-key' | null;
}

/**
 * Who a cell of a view counts as its people: `user` (one person per user row) or
 * `borrower` (activity: the user of each row that still names one, plus the snapshot
 * profiles of anonymized rows).
 */
export type PeopleRule = 'user' | 'borrower';
const PEOPLE_RULES: readonly PeopleRule[] = ['user', 'borrower'];

type Fail = (message: string) => never;

/** The disclosure settings of group `name`, or undefined when it has no minimum cell size. */
export function readDisclosureSettings(name: string, group: Record<string, unknown>, fail: Fail): DisclosureSettings | undefined {
  const { min_cell_size: k, finest_time_granularity: granularity, perturbation } = group;
  if (k === undefined || k === null) {
    if (granularity !== undefined || perturbation !== undefined) {
      fail(`groups.${name}: finest_time_granularity and perturbation need a min_cell_size`);
    }
    return undefined;
  }
  // Activity cells count people as a lower bound that stops at 256 (src/disclosure/disclosure-measures.ts).
  if (!Number.isInteger(k) || (k as number) < 2 || (k as number) > 100) fail(`groups.${name}.min_cell_size must be a whole number of people from 2 to 100`);
  if (granularity !== undefined && !TIME_GRANULARITIES.includes(granularity as TimeGranularity)) {
    fail(`groups.${name}.finest_time_granularity must be one of ${TIME_GRANULARITIES.join(', ')}`);
  }
  if (perturbation !== undefined && perturbation !== 'cell-key' && perturbation !== 'none') {
    fail(`groups.${name}.perturbation must be cell-key or none`);
  }
  return {
    minCellSize: k as number,
    finestTimeGranularity: (granularity ?? 'day') as TimeGranularity,
    perturbation: perturbation === 'cell-key' ? 'cell-key' : null,
  };
}

/** `people_per_view`: view name to the rule that counts its people. */
export function readPeoplePerView(raw: unknown, fail: Fail): Readonly<Record<string, PeopleRule>> {
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('people_per_view must be a mapping of view to user or borrower');
  const rules: Record<string, PeopleRule> = {};
  for (const [view, rule] of Object.entries(raw as Record<string, unknown>)) {
    if (!PEOPLE_RULES.includes(rule as PeopleRule)) fail(`people_per_view.${view} must be one of ${PEOPLE_RULES.join(', ')}`);
    rules[view] = rule as PeopleRule;
  }
  return rules;
}
