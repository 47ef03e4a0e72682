import type { TimeGranularity } from '../../../src/privacy/disclosure-settings';

/** The thirteen BI tools whose SQL the corpus imitates, in the order the reports list them. */
export const TOOLS = [
  'Tableau', 'Power BI', 'Metabase', 'Superset', 'Looker Studio', 'Excel / Power Query', 'Grafana',
  'DBeaver', 'Hex / Mode', 'ThoughtSpot', 'Sigma', 'QuickSight', 'Holistics',
] as const;

export type Tool = (typeof TOOLS)[number];

/** How a statement's rows are compared with its reference's. */
export interface Comparison {
  /** `ordered` when the statement's ORDER BY fixes every row's place; otherwise rows are matched as a multiset. */
  readonly rows: 'ordered' | 'unordered';
  /** Relative tolerance for numbers (averages, sums of decimals); exact when absent. */
  readonly tolerance?: number;
  /**
   * The statement's LIMIT, when its reference leaves it out: the answer is then the first
   * rows of the reference, counting only rows disclosure control lets through.
   */
  readonly limit?: number;
}

export const ORDERED: Comparison = { rows: 'ordered' };
export const UNORDERED: Comparison = { rows: 'unordered' };
/** Averages and other quotients: PostgreSQL and Cube may round the last digits differently. */
export const UNORDERED_APPROX: Comparison = { rows: 'unordered', tolerance: 1e-9 };
export const ORDERED_APPROX: Comparison = { rows: 'ordered', tolerance: 1e-9 };

/**
 * One statement of the corpus: SQL in the shape a BI tool sends, over our views,
 * and the same question in plain SQL on the `alma` tables.
 *
 * The reference names its tables through placeholders, so the same text serves
 * every group: `{users}`, `{loans}`, `{fines_fees}`, `{borrowing_requests}` become
 * the table as that group sees it (masks applied), always followed by an alias.
 * An aggregated reference ends with a column `__people`, the number of people
 * behind each row (`{people:users:u}` or `{people:loans:l}`...), so cells a group's
 * minimum cell size suppresses can be told from wrong ones.
 */
export interface CorpusStatement {
  readonly tool: Tool;
  /** What the tool is doing, as short as a test name. */
  readonly shape: string;
  readonly sql: string;
  readonly reference: string;
  readonly compare: Comparison;
  /** Rows are the underlying records (no aggregation): a group with a minimum cell size must refuse it. */
  readonly perRecord?: boolean;
  /**
   * The finest unit of time the statement returns or groups by, when finer than a day:
   * 'second' for raw timestamps (MIN/MAX of a time, a time column as is), 'hour'...
   * A group whose finest granularity is coarser must refuse it.
   */
  readonly timeGranularity?: TimeGranularity;
  /** The wire protocol the tool's driver speaks: PgJDBC and Npgsql use the extended one. */
  readonly protocol: 'simple' | 'extended';
}

type Draft = Omit<CorpusStatement, 'tool' | 'protocol' | 'compare'> & { compare?: Comparison; protocol?: 'simple' | 'extended' };

/** The statements of one tool, with the protocol its driver speaks unless a statement says otherwise. */
export function statementsOf(tool: Tool, protocol: 'simple' | 'extended', drafts: readonly Draft[]): CorpusStatement[] {
  return drafts.map((draft) => ({ ...draft, tool, protocol: draft.protocol ?? protocol, compare: draft.compare ?? UNORDERED }));
}
