import { loadModule, parseSync } from 'libpg-query';
import { TIME_GRANULARITIES, type TimeGranularity } from '../../../src/privacy/disclosure-settings';
import { privacyConfig, treatmentOf } from '../../../src/privacy/privacy-config';
import { userDetailsFields } from '../../../src/user-details/user-details-fields';
import type { CorpusStatement } from './corpus-statement';
import { measureColumns } from './stand-in-views';

/** The minimum cell size of a group in model/privacy.yml (0 when it has none). */
export function minCellSizeOf(group: string): number {
  return privacyConfig().groups.find((candidate) => candidate.name === group)?.disclosure?.minCellSize ?? 0;
}

/** The finest time granularity a group may group or read time fields by ('second' when unrestricted). */
export function finestTimeGranularityOf(group: string): TimeGranularity {
  return privacyConfig().groups.find((candidate) => candidate.name === group)?.disclosure?.finestTimeGranularity ?? 'second';
}

/** Members `group` may not name: hidden fields, and members derived from a field it may not see in full. */
export function hiddenMembersOf(group: string): Set<string> {
  const hidden = new Set(userDetailsFields().filter((field) => treatmentOf(field, group) === 'hidden').map((field) => field.member));
  for (const [member, derived] of Object.entries(privacyConfig().derivedMembers)) {
    const treatment = treatmentOf(derived.reads, group);
    if (treatment === 'hidden' || (treatment === 'masked' && derived.kind === 'segment')) hidden.add(member);
  }
  return hidden;
}

let parserReady: Promise<void> | undefined;

/** Calls `visit` on every object node of the statement's parse tree. */
async function walkParseTree(sql: string, visit: (node: Record<string, unknown>) => void): Promise<void> {
  parserReady ??= loadModule();
  await parserReady;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    visit(node as Record<string, unknown>);
    Object.values(node).forEach(walk);
  };
  walk(parseSync(sql));
}

/** Every column name the statement's parse tree refers to (the last part of each ColumnRef). */
export async function columnNamesIn(sql: string): Promise<Set<string>> {
  const names = new Set<string>();
  await walkParseTree(sql, (node) => {
    const columnRef = node.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
    const last = columnRef?.fields?.at(-1)?.String?.sval;
    if (last) names.add(last);
  });
  return names;
}

/**
 * Whether the statement keeps only some of the groups it aggregates (HAVING, LIMIT) or
 * aggregates in more than one step (subqueries, CTEs, joins): then the cells disclosure
 * control protects are not the rows of the answer, and a cell hidden beside a small one
 * (secondary suppression) may be any of them.
 */
export async function selectsAmongGroups(sql: string): Promise<boolean> {
  let found = false;
  await walkParseTree(sql, (node) => {
    if (node.havingClause || node.limitCount || node.withClause || node.RangeSubselect || node.JoinExpr || node.SubLink) found = true;
  });
  return found;
}

/** The finest unit set in the statement's time literals ('hour' for '2026-01-01 12:00:00'), when finer than a day. */
export async function finestTimeLiteralIn(sql: string): Promise<TimeGranularity | undefined> {
  let finest: TimeGranularity | undefined;
  await walkParseTree(sql, (node) => {
    const time = typeof node.sval === 'string' ? /^\d{4}-\d{2}-\d{2}[ T](\d{2}):(\d{2}):(\d{2})(\.\d*[1-9])?/.exec(node.sval) : null;
    if (!time) return;
    const unit: TimeGranularity | undefined = time[4] || time[3] !== '00' ? 'second' : time[2] !== '00' ? 'minute' : time[1] !== '00' ? 'hour' : undefined;
    if (unit && (!finest || TIME_GRANULARITIES.indexOf(unit) < TIME_GRANULARITIES.indexOf(finest))) finest = unit;
  });
  return finest;
}

type TreeNode = Record<string, unknown>;

/** Calls `visit` with every object node of the statement's parse tree and the nodes above it. */
async function walkWithAncestors(sql: string, visit: (node: TreeNode, ancestors: readonly TreeNode[]) => void): Promise<void> {
  parserReady ??= loadModule();
  await parserReady;
  const walk = (node: unknown, ancestors: TreeNode[]): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, ancestors);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    visit(node as TreeNode, ancestors);
    for (const value of Object.values(node)) walk(value, [...ancestors, node as TreeNode]);
  };
  walk(parseSync(sql), []);
}

const nameOfCall = (call: TreeNode) => String(((call.funcname as TreeNode[] | undefined)?.at(-1)?.String as TreeNode | undefined)?.sval ?? '').toLowerCase();
const lastName = (ref: TreeNode) => (((ref.fields as TreeNode[] | undefined)?.at(-1)?.String as TreeNode | undefined)?.sval as string | undefined);
const SUB_DAY_FIELDS = new Set(['hour', 'minute', 'second', 'milliseconds', 'microseconds', 'epoch']);

/**
 * What a group with a minimum cell size may not get from an expression over columns, by
 * the statement's parse tree (src/sql-api/planner/member-expression.ts refuses the same):
 * MIN or MAX of a column that is not a measure (over few rows it is one person's value),
 * COUNT(DISTINCT) of a column (it says whether a value held by fewer than k people exists),
 * COUNT, SUM or AVG of a condition, a computed value or under FILTER (a part of each cell),
 * AT TIME ZONE or timezone(), EXTRACT or date_part of a field finer than a day, and an
 * expression over a column the group sees masked. Columns named by the statement's own
 * output names (a CTE's or subquery's results) are not the views' dimensions.
 */
export async function expressionRefusalIn(sql: string, group: string): Promise<string | undefined> {
  if (minCellSizeOf(group) === 0) return undefined;
  const measures = measureColumns();
  // Output names of cells (an aggregate's result) or of a measure passed on; a name given to an
  // expression over dimensions row by row (a CTE's cast(loan_date as date) AS d) is still a dimension.
  const outputNames = new Set<string>();
  await walkParseTree(sql, (node) => {
    const target = node.ResTarget as { name?: string; val?: TreeNode } | undefined;
    if (!target?.name || !target.val) return;
    let aggregates = false;
    const look = (inner: unknown): void => {
      if (Array.isArray(inner)) inner.forEach(look);
      else if (inner && typeof inner === 'object') {
        const call = (inner as TreeNode).FuncCall as TreeNode | undefined;
        if (call && (call.over || ['count', 'sum', 'avg', 'min', 'max', 'measure'].includes(nameOfCall(call)))) aggregates = true;
        Object.values(inner).forEach(look);
      }
    };
    look(target.val);
    const ref = target.val.ColumnRef as TreeNode | undefined;
    const passedMeasure = !!ref && measures.has(lastName(ref) ?? '');
    // `COUNT(DISTINCT "job_title") AS "job_title"` names its result after the column it counts, which stays a column.
    const call = target.val.FuncCall as TreeNode | undefined;
    const counted = call?.agg_distinct ? ((call.args as TreeNode[] | undefined)?.[0]?.ColumnRef as TreeNode | undefined) : undefined;
    if ((aggregates || passedMeasure) && !(counted && lastName(counted) === target.name)) outputNames.add(target.name);
  });
  const cteNames = new Set<string>();
  await walkParseTree(sql, (node) => {
    const cte = node.CommonTableExpr as { ctename?: string } | undefined;
    if (cte?.ctename) cteNames.add(cte.ctename);
  });
  const masked = new Set(userDetailsFields().filter((field) => treatmentOf(field, group) === 'masked').map((field) => field.member));
  const coarse = TIME_GRANULARITIES.indexOf(finestTimeGranularityOf(group)) > TIME_GRANULARITIES.indexOf('hour');
  let found: string | undefined;
  await walkWithAncestors(sql, (node, ancestors) => {
    if (found) return;
    const call = node.FuncCall as TreeNode | undefined;
    if (call && !call.over) {
      const name = nameOfCall(call);
      const args = (call.args as TreeNode[] | undefined) ?? [];
      const field = ((args[0]?.A_Const as TreeNode | undefined)?.sval as TreeNode | undefined)?.sval;
      if (coarse && name === 'timezone') found = 'reads time in another time zone (AT TIME ZONE), whose days are UTC\'s shifted by hours';
      if (coarse && (name === 'extract' || name === 'date_part') && typeof field === 'string' && SUB_DAY_FIELDS.has(field.toLowerCase())) {
        found = `extracts the ${field.toLowerCase()} of a time, finer than ${group}'s ${finestTimeGranularityOf(group)}`;
      }
      if (name === 'min' || name === 'max') {
        let column = false;
        const look = (inner: unknown): void => {
          if (Array.isArray(inner)) inner.forEach(look);
          else if (inner && typeof inner === 'object') {
            const ref = (inner as TreeNode).ColumnRef as TreeNode | undefined;
            const last = ref && lastName(ref);
            if (last && !measures.has(last) && !outputNames.has(last)) column = true;
            Object.values(inner).forEach(look);
          }
        };
        look(args);
        if (column) found = `takes the ${name.toUpperCase()} of a column that is not a measure, one person's value over few rows`;
      }
      // A count of distinct values says whether a value held by fewer than k people exists in a cell.
      if (name === 'count' && call.agg_distinct) {
        const ref = args.length === 1 ? (args[0]!.ColumnRef as TreeNode | undefined) : undefined;
        const last = ref && lastName(ref);
        if (!ref || (last && !measures.has(last) && !outputNames.has(last))) found = 'counts the distinct values of a column, which says whether a value held by fewer than k people exists';
      }
      // An aggregate of a condition or a computed value counts a part of each cell (SUM(CASE WHEN ... THEN 1 END), FILTER).
      const bare = call.agg_star || (args.length === 1 && args[0]!.ColumnRef);
      const countOfColumn = name === 'count' && !call.agg_star && !call.agg_distinct && !!args[0]?.ColumnRef;
      // Only over a view's rows: over a subquery's or a CTE's cells a condition picks whole cells.
      const select = [...ancestors].reverse().find((above) => 'targetList' in above || 'fromClause' in above);
      const from = (select?.fromClause as TreeNode[] | undefined) ?? [];
      const overView = from.length === 1 && !!from[0]!.RangeVar && !cteNames.has(String((from[0]!.RangeVar as TreeNode).relname));
      if (overView && ['count', 'sum', 'avg'].includes(name) && (call.agg_filter || !bare || countOfColumn)) {
        let dimension = false;
        const look = (inner: unknown): void => {
          if (Array.isArray(inner)) inner.forEach(look);
          else if (inner && typeof inner === 'object') {
            if ((inner as TreeNode).FuncCall && inner !== call) return;
            const ref = (inner as TreeNode).ColumnRef as TreeNode | undefined;
            const last = ref && lastName(ref);
            if (last && !measures.has(last) && !outputNames.has(last)) dimension = true;
            Object.values(inner).forEach(look);
          }
        };
        look([args, call.agg_filter]);
        if (dimension) found = `takes the ${name.toUpperCase()} of a condition or a computed value over columns, which counts a part of each cell`;
      }
    }
    const ref = node.ColumnRef as TreeNode | undefined;
    const last = ref && lastName(ref);
    if (last && masked.has(last) && !outputNames.has(last)) {
      const inExpression = ancestors.some((above) => {
        const aboveCall = above.FuncCall as TreeNode | undefined;
        return (aboveCall && nameOfCall(aboveCall) !== 'date_trunc') || above.CaseExpr || above.CoalesceExpr || above.MinMaxExpr;
      });
      if (inExpression) found = `computes with ${last}, which ${group} sees masked`;
    }
  });
  return found;
}

/** Whether the statement compares a time with the clock to the microsecond (now(), CURRENT_TIMESTAMP, LOCALTIMESTAMP not cut to a day). */
export async function comparesWithTheClock(sql: string): Promise<boolean> {
  let found = false;
  await walkWithAncestors(sql, (node, ancestors) => {
    const clock = (node.FuncCall && nameOfCall(node.FuncCall as TreeNode) === 'now')
      || ['SVFOP_CURRENT_TIMESTAMP', 'SVFOP_LOCALTIMESTAMP'].includes(String((node.SQLValueFunction as TreeNode | undefined)?.op));
    if (!clock) return;
    const cut = ancestors.some((above) => {
      const call = above.FuncCall as TreeNode | undefined;
      const names = (((above.TypeCast as TreeNode | undefined)?.typeName as TreeNode | undefined)?.names as TreeNode[] | undefined ?? []).map((n) => (n.String as TreeNode | undefined)?.sval);
      return (call && nameOfCall(call) === 'date_trunc') || names.includes('date');
    });
    if (!cut) found = true;
  });
  return found;
}

/**
 * The answer, a refusal, or either. A refusal for raw times also accepts the answer
 * with its times coarsened to the group's granularity (`coarsenedTo`).
 */
export type Expectation =
  | { kind: 'answer'; selectsAmongGroups: boolean }
  /** Either is right: a time filter finer than the group's granularity may be refused, or answered exactly. */
  | { kind: 'answer-or-refusal'; because: string; selectsAmongGroups: boolean }
  | { kind: 'refusal'; because: string; coarsenedTo?: TimeGranularity; selectsAmongGroups: boolean };

/**
 * What `group` must get for a statement: a refusal where it names a hidden member, lists
 * one row per person, reads times finer than the group may, or computes what a group with
 * a minimum cell size may not have (expressionRefusalIn); the answer or a refusal where
 * it filters by a finer time or compares with the clock; the reference's answer otherwise.
 */
export async function expectationFor(statement: Pick<CorpusStatement, 'sql' | 'perRecord' | 'timeGranularity'>, group: string): Promise<Expectation> {
  const amongGroups = await selectsAmongGroups(statement.sql);
  const hidden = hiddenMembersOf(group);
  const named = [...await columnNamesIn(statement.sql)].filter((name) => hidden.has(name));
  if (named.length > 0) return { kind: 'refusal', because: `names ${named.join(', ')}, hidden from ${group}`, selectsAmongGroups: amongGroups };
  if (statement.perRecord && minCellSizeOf(group) > 0) return { kind: 'refusal', because: `per-record rows, and ${group} has a minimum cell size`, selectsAmongGroups: amongGroups };
  const finest = finestTimeGranularityOf(group);
  if (statement.timeGranularity && TIME_GRANULARITIES.indexOf(statement.timeGranularity) < TIME_GRANULARITIES.indexOf(finest)) {
    return {
      kind: 'refusal', because: `reads time by the ${statement.timeGranularity}, finer than ${group}'s ${finest}`, selectsAmongGroups: amongGroups,
      ...(statement.timeGranularity === 'second' ? { coarsenedTo: finest } : {}),
    };
  }
  const expression = await expressionRefusalIn(statement.sql, group);
  if (expression) return { kind: 'refusal', because: expression, selectsAmongGroups: amongGroups };
  if (minCellSizeOf(group) > 0 && finest !== 'second' && await comparesWithTheClock(statement.sql)) {
    return { kind: 'answer-or-refusal', because: `compares time with the clock, finer than ${group}'s ${finest}`, selectsAmongGroups: amongGroups };
  }
  const literal = await finestTimeLiteralIn(statement.sql);
  if (literal && TIME_GRANULARITIES.indexOf(literal) < TIME_GRANULARITIES.indexOf(finest)) {
    return { kind: 'answer-or-refusal', because: `compares time with a literal to the ${literal}, finer than ${group}'s ${finest}`, selectsAmongGroups: amongGroups };
  }
  return { kind: 'answer', selectsAmongGroups: amongGroups };
}
