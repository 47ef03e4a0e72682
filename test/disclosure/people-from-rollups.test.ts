import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { sharedCubeServer } from '../support/cube-server';
import { restClient } from '../model/rest-client';
import { cellKey, peoplePerCell, snapshotMembers, type Grouping } from './support/people-per-cell';

// An activity question coarser than a rollup is answered from the rollup's rows, whose
// people bitmaps are merged again (src/cube/patches/bit-or-rollup-measures.ts). It must
// hide exactly the cells the same question hides when answered from the tables, and
// those are the cells whose lower bound, computed here from the tables, is under k.
const server = sharedCubeServer();
const k = privacyConfig().groups.find((group) => group.name === 'analyst')!.disclosure!.minCellSize;

const TABLES: Record<string, string> = { fulfillment: 'alma.loans', fines_and_fees: 'alma.fines_fees', resource_sharing: 'alma.borrowing_requests' };

interface CoarseQuestion {
  readonly label: string;
  readonly view: string;
  readonly measures: readonly string[];
  readonly groupings: readonly Grouping[];
}

const QUESTIONS: CoarseQuestion[] = [
  // balance_by_group is by group, campus and status; by_month by those, type and month.
  { label: 'fines and fees by group and status', view: 'fines_and_fees', measures: ['num_of_fines_fees', 'original_amount'], groupings: [{ member: 'user_group' }, { member: 'fee_status' }] },
  // requests_filled is by filled, group and campus; by_month by those, status and month.
  { label: 'borrowing requests by campus and filled', view: 'resource_sharing', measures: ['num_of_requests'], groupings: [{ member: 'campus_code' }, { member: 'filled' }] },
  // by_month_and_group is by group and campus per month; by_month_and_status by status too.
  { label: 'loans by group per quarter', view: 'fulfillment', measures: ['num_of_loans', 'num_of_renewals'], groupings: [{ member: 'user_group' }, { member: 'loan_date', granularity: 'quarter' }] },
];

/** A snapshot field no rollup has: a notEquals filter on it keeps every row (Cube's notEquals keeps NULLs), and no rollup can answer. */
const OFF_ROLLUP = 'job_title';

interface LoadedAnswer {
  rows: Record<string, unknown>[];
  usedPreAggregations: string[];
  disclosure: Record<string, unknown>;
}

async function ask(question: CoarseQuestion, group: string, campus: string[] | undefined, fromTables: boolean): Promise<LoadedAnswer> {
  const { view, groupings, measures } = question;
  const { status, body } = await restClient(group, campus).load({
    measures: measures.map((measure) => `${view}.${measure}`),
    dimensions: groupings.filter((g) => !g.granularity).map((g) => `${view}.${g.member}`),
    timeDimensions: groupings.filter((g) => g.granularity).map((g) => ({ dimension: `${view}.${g.member}`, granularity: g.granularity })),
    filters: fromTables ? [{ member: `${view}.${OFF_ROLLUP}`, operator: 'notEquals', values: ['(no such value)'] }] : [],
    order: groupings.map((g) => [`${view}.${g.member}`, 'asc']),
    limit: 50_000,
  });
  if (status !== 200) throw new Error(`REST ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { rows: body.data, usedPreAggregations: Object.keys(body.usedPreAggregations ?? {}), disclosure: body.annotation?.disclosure };
}

/** A row's cell key, as people-per-cell writes it. */
function keyOf(question: CoarseQuestion, row: Record<string, unknown>): string {
  return cellKey(question.groupings.map((g) => row[`${question.view}.${g.member}${g.granularity ? `.${g.granularity}` : ''}`]));
}

/**
 * Per cell, the lower bound disclosure control counts, from the tables: the larger of
 * the 256-bucket buckets hit by the named users and by the anonymized rows' snapshot profiles.
 */
async function lowerBoundPerCell(question: CoarseQuestion, campuses?: readonly string[]): Promise<Map<string, number>> {
  const columns = question.groupings.map(({ member, granularity }) => (granularity
    ? `to_char(date_trunc('${granularity}', ${member}), 'YYYY-MM-DD HH24:MI:SS')`
    : `${member}::text`));
  const buckets = (key: string) => `count(DISTINCT hashtextextended(${key}, 0) & 255)`;
  const profile = `concat_ws(chr(31), ${snapshotMembers().join(', ')})`;
  const client = new pg.Client(server.databaseUrl!);
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    const { rows } = await client.query({
      text: `SELECT ${columns.map((column, index) => `${column} AS c${index}`).join(', ')},
                    greatest(${buckets('user_id')}, ${buckets(`CASE WHEN user_id IS NULL THEN ${profile} END`)})::int
             FROM ${TABLES[question.view]} ${campuses ? 'WHERE campus_code = ANY($1)' : ''}
             GROUP BY ${columns.map((_, index) => index + 1).join(', ')}`,
      values: campuses ? [campuses] : [],
      rowMode: 'array',
    });
    return new Map((rows as unknown[][]).map((row) => [cellKey(row.slice(0, columns.length)), row[columns.length] as number]));
  } finally {
    await client.end();
  }
}

describe.each([['analyst', undefined], ['dashboard', ['MAIN', 'LAW']]] as const)('a coarse activity question of %s answered from a finer rollup', (group, campus) => {
  it.each(QUESTIONS.map((question) => [question.label, question] as const))('hides the cells it hides from the tables: %s', async (_label, question) => {
    const campuses = campus ? [...campus] : undefined;
    const [fromRollup, fromTables, bounds, people] = await Promise.all([
      ask(question, group, campuses, false),
      ask(question, group, campuses, true),
      lowerBoundPerCell(question, campuses),
      peoplePerCell(server.databaseUrl!, question.view, question.groupings, campuses),
    ]);
    // Each path is the one it claims to be.
    expect(fromRollup.usedPreAggregations).toHaveLength(1);
    expect(fromTables.usedPreAggregations).toEqual([]);
    // The same cells, values, nulls and suppressed cells (a filtered answer does not say how many rows it hid).
    expect(fromRollup.rows).toEqual(fromTables.rows);
    expect({ ...fromRollup.disclosure, hiddenRows: undefined }).toEqual({ ...fromTables.disclosure, hiddenRows: undefined });
    // Judged against the tables: the cells shown are those whose lower bound reaches k, and each has at least k people.
    const shown = fromRollup.rows.map((row) => keyOf(question, row)).sort();
    expect(shown).toEqual([...bounds].filter(([, bound]) => bound >= k).map(([key]) => key).sort());
    expect(shown.filter((key) => people.get(key)! < k)).toEqual([]);
  });

  it('has questions with cells under k, so the comparison means something', async () => {
    const under = await Promise.all(QUESTIONS.map(async (question) => [...(await lowerBoundPerCell(question, campus ? [...campus] : undefined)).values()]
      .filter((bound) => bound < k).length));
    expect(under.filter((count) => count > 0).length).toBeGreaterThan(0);
  });
});
