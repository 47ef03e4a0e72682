import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymizeCompletedActivity } from '../../src/anonymize/anonymize-completed-activity';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDatabase } from '../../src/seed/seed-database';
import { startTestCubeServer, type TestCubeServer } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { createScratchDatabase } from '../support/scratch-database';
import { restClient, type CubeQuery } from './rest-client';

// A database and a server of this suite's own: it anonymizes, which the shared data must not see.
let database: Awaited<ReturnType<typeof createScratchDatabase>>;
let server: TestCubeServer;

const VIEWS = {
  fulfillment: ['num_of_loans', 'num_of_renewals'],
  fines_and_fees: ['original_amount', 'num_of_fines_fees'],
  resource_sharing: ['num_of_requests', 'num_of_requests_filled'],
} as const;
type View = keyof typeof VIEWS;

// Admin: the totals must match cell for cell, and a group with a minimum cell size would
// rightly suppress the small cells the is_anonymized split creates.
async function load(query: object): Promise<Record<string, string | number | boolean | null>[]> {
  const { body } = await restClient('admin', undefined, server).load(query as CubeQuery);
  if (body.error) throw new Error(body.error);
  return body.data;
}

/**
 * The view's measures by user group, as Number per group and measure. With
 * `byAnonymization` the query also groups by is_anonymized (summed back here):
 * no rollup holds that dimension and its SQL differs from the plain question's,
 * so that answer is read from the tables as they are now, not from a cache or a
 * rollup built before the job ran.
 */
async function byUserGroup(view: View, byAnonymization: boolean): Promise<{ totals: Record<string, number>; anonymizedRows: number }> {
  const measures = VIEWS[view].map((measure) => `${view}.${measure}`);
  const dimensions = [`${view}.user_group`, ...(byAnonymization ? [`${view}.is_anonymized`] : [])];
  const totals: Record<string, number> = {};
  let anonymizedRows = 0;
  for (const row of await load({ measures, dimensions })) {
    if (row[`${view}.is_anonymized`] === true) anonymizedRows += 1;
    for (const measure of measures) {
      const key = `${row[`${view}.user_group`]}|${measure}`;
      totals[key] = Math.round(((totals[key] ?? 0) + Number(row[measure])) * 100) / 100;
    }
  }
  return { totals, anonymizedRows };
}

describe('anonymization and the reports by user group', () => {
  beforeAll(async () => {
    database = await createScratchDatabase('anonymization_totals');
    await migrateToLatest(database.url);
    await seedDatabase(database.url, { users: 600, seed: 'anonymization-totals', asOf: '2026-11-24', whenNotEmpty: 'replace', log: () => undefined });
    server = await startTestCubeServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('reports the same loans, fines and requests by user group before and after Alma-style anonymization', async () => {
    const views = Object.keys(VIEWS) as View[];
    const before = await Promise.all(views.map((view) => byUserGroup(view, false)));
    const summary = await anonymizeCompletedActivity(database.url, { asOf: '2026-11-24' });
    // The run must have had something to do, or the comparison proves nothing.
    expect(Object.values(summary.rows).every((rows) => rows > 0), JSON.stringify(summary.rows)).toBe(true);
    const [unlinked] = await queryRows<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM alma.loans WHERE user_id IS NULL');
    expect(unlinked!.n).toBe(summary.rows.loans);
    const after = await Promise.all(views.map((view) => byUserGroup(view, true)));
    views.forEach((view, index) => {
      expect(after[index]!.anonymizedRows, `${view} shows anonymized rows`).toBeGreaterThan(0);
      expect(after[index]!.totals, view).toEqual(before[index]!.totals);
    });
  });
});
