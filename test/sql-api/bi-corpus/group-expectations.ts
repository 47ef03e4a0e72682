import { loadModule, parseSync } from 'libpg-query';
import { TIME_GRANULARITIES, type TimeGranularity } from '../../../src/privacy/disclosure-settings';
import { privacyConfig, treatmentOf } from '../../../src/privacy/privacy-config';
import { userDetailsFields } from '../../../src/user-details/user-details-fields';
import type { CorpusStatement } from './corpus-statement';

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
 * one row per person or reads times finer than the group may; the answer or a refusal
 * where it filters by a finer time; the reference's answer otherwise.
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
  const literal = await finestTimeLiteralIn(statement.sql);
  if (literal && TIME_GRANULARITIES.indexOf(literal) < TIME_GRANULARITIES.indexOf(finest)) {
    return { kind: 'answer-or-refusal', because: `compares time with a literal to the ${literal}, finer than ${group}'s ${finest}`, selectsAmongGroups: amongGroups };
  }
  return { kind: 'answer', selectsAmongGroups: amongGroups };
}
