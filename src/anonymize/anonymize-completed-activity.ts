import pg from 'pg';
import { ACTIVITY_TYPES, privacyConfig, type ActivityType } from '../privacy/privacy-config';
import { candidateCondition, candidateParameters } from './anonymization-candidates';
import { createAnonymizationProgress } from './anonymization-progress';
import { anonymizingBatchStatement } from './anonymizing-batch';
import { COMPLETED_ACTIVITY } from './completed-activity';

export interface AnonymizeOptions {
  /** YYYY-MM-DD: retention periods count back from this day (UTC). */
  readonly asOf: string;
  /** Count what would be anonymized; change nothing, write no audit row. */
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /** Called after each committed batch; throwing from it stops the run there (tests use it to interrupt). */
  readonly afterBatch?: (type: ActivityType, rows: number) => void | Promise<void>;
  /** Progress lines; stderr when left out. */
  readonly log?: (line: string) => void;
}

export interface AnonymizationSummary {
  /** The audit row of alma.anonymization_runs; undefined for a dry run. */
  readonly runId?: number;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly rows: Readonly<Record<ActivityType, number>>;
}

const DEFAULT_BATCH_SIZE = 5_000;
const UNIQUE_VIOLATION = '23505';
// A new random id equal to one already taken is a one-in-a-billion event per batch; drawing again settles it.
const ATTEMPTS_PER_BATCH = 3;

/**
 * Alma's anonymization job: completed activity past its retention period
 * loses its user link and identifying snapshot fields, takes a new random id
 * and has its moments coarsened (model/privacy.yml `anonymization`). Works in
 * batches of ascending ids, each in its own transaction together with the
 * audit row's counts, so a run killed at any point has anonymized, and
 * recorded, whole batches only; running again finishes the job.
 */
export async function anonymizeCompletedActivity(connectionString: string, options: AnonymizeOptions): Promise<AnonymizationSummary> {
  const client = new pg.Client(connectionString);
  await client.connect();
  const rows = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<ActivityType, number>;
  try {
    await checkAsOf(client, options.asOf);
    if (options.dryRun) {
      for (const type of ACTIVITY_TYPES) rows[type] = await countCandidates(client, type, options.asOf);
      return { asOf: options.asOf, dryRun: true, rows };
    }
    const run = await client.query<{ id: string }>('INSERT INTO alma.anonymization_runs (as_of) VALUES ($1) RETURNING id', [options.asOf]);
    const runId = Number(run.rows[0]!.id);
    for (const type of ACTIVITY_TYPES) {
      rows[type] = await anonymizeInBatches(client, type, runId, options);
    }
    await client.query('UPDATE alma.anonymization_runs SET finished_at = now() WHERE id = $1', [runId]);
    return { runId, asOf: options.asOf, dryRun: false, rows };
  } finally {
    await client.end();
  }
}

async function countCandidates(client: pg.Client, type: ActivityType, asOf: string): Promise<number> {
  const result = await client.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${COMPLETED_ACTIVITY[type].table} WHERE ${candidateCondition(type)}`,
    candidateParameters(type, asOf),
  );
  return Number(result.rows[0]?.count ?? 0);
}

async function anonymizeInBatches(client: pg.Client, type: ActivityType, runId: number, options: AnonymizeOptions): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = createAnonymizationProgress(type, await countCandidates(client, type, options.asOf),
    options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  const statement = anonymizingBatchStatement(type);
  let afterId = '0';
  let total = 0;
  for (;;) {
    const oldIds = await anonymizeOneBatch(client, type, runId, statement,
      [...candidateParameters(type, options.asOf), afterId, batchSize, privacyConfig().anonymizationGranularity]);
    if (oldIds.length === 0) break;
    total += oldIds.length;
    afterId = oldIds.reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max), afterId);
    progress.update(total);
    await options.afterBatch?.(type, total);
  }
  progress.finish(total);
  return total;
}

/** Runs one batch and its audit count in one transaction; the old ids it did, none when nothing was left. */
async function anonymizeOneBatch(
  client: pg.Client, type: ActivityType, runId: number, statement: string, parameters: unknown[],
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    await client.query('BEGIN');
    try {
      const batch = await client.query<{ old_id: string }>(statement, parameters);
      const count = batch.rowCount ?? 0;
      if (count > 0) {
        await client.query(`UPDATE alma.anonymization_runs SET ${type}_anonymized = ${type}_anonymized + $2 WHERE id = $1`, [runId, count]);
      }
      await client.query('COMMIT');
      return batch.rows.map((row) => row.old_id);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= ATTEMPTS_PER_BATCH) throw error;
    }
  }
}

async function checkAsOf(client: pg.Client, asOf: string): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`the as-of date must be YYYY-MM-DD, not "${asOf}"`);
  await client.query('SELECT $1::date', [asOf]).catch(() => {
    throw new Error(`"${asOf}" is not a calendar date`);
  });
}
