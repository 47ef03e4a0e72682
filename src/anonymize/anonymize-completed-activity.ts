import pg from 'pg';
import { ACTIVITY_TYPES, type ActivityType } from '../privacy/privacy-config';
import { anonymizingAssignments, candidateCondition, candidateParameters } from './anonymization-candidates';
import { COMPLETED_ACTIVITY } from './completed-activity';

export interface AnonymizeOptions {
  /** YYYY-MM-DD: retention periods count back from this day (UTC). */
  readonly asOf: string;
  /** Count what would be anonymized; change nothing, write no audit row. */
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /** Called after each committed batch; throwing from it stops the run there (tests use it to interrupt). */
  readonly afterBatch?: (type: ActivityType, rows: number) => void | Promise<void>;
}

export interface AnonymizationSummary {
  /** The audit row of alma.anonymization_runs; undefined for a dry run. */
  readonly runId?: number;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly rows: Readonly<Record<ActivityType, number>>;
}

const DEFAULT_BATCH_SIZE = 5_000;

/**
 * Alma's anonymization job: completed activity past its retention period
 * loses its user link and identifying snapshot fields. Works in batches of
 * ascending ids, each in its own transaction together with the audit row's
 * counts, so a run killed at any point has anonymized, and recorded, whole
 * batches only; running again finishes the job.
 */
export async function anonymizeCompletedActivity(connectionString: string, options: AnonymizeOptions): Promise<AnonymizationSummary> {
  const client = new pg.Client(connectionString);
  await client.connect();
  const rows = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<ActivityType, number>;
  try {
    await checkAsOf(client, options.asOf);
    if (options.dryRun) {
      for (const type of ACTIVITY_TYPES) {
        const result = await client.query<{ count: string }>(
          `SELECT count(*) AS count FROM ${COMPLETED_ACTIVITY[type].table} WHERE ${candidateCondition(type)}`,
          candidateParameters(type, options.asOf),
        );
        rows[type] = Number(result.rows[0]?.count ?? 0);
      }
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

async function anonymizeInBatches(client: pg.Client, type: ActivityType, runId: number, options: AnonymizeOptions): Promise<number> {
  const { table } = COMPLETED_ACTIVITY[type];
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let afterId = '0';
  let total = 0;
  for (;;) {
    await client.query('BEGIN');
    try {
      const batch = await client.query<{ id: string }>(
        `WITH batch AS (
           SELECT id FROM ${table} WHERE id > $4 AND ${candidateCondition(type)} ORDER BY id LIMIT $5 FOR UPDATE
         )
         UPDATE ${table} AS activity SET ${anonymizingAssignments()} FROM batch WHERE activity.id = batch.id
         RETURNING activity.id`,
        [...candidateParameters(type, options.asOf), afterId, batchSize],
      );
      const count = batch.rowCount ?? 0;
      if (count > 0) {
        await client.query(`UPDATE alma.anonymization_runs SET ${type}_anonymized = ${type}_anonymized + $2 WHERE id = $1`, [runId, count]);
      }
      await client.query('COMMIT');
      if (count === 0) return total;
      total += count;
      afterId = batch.rows.reduce((max, row) => (BigInt(row.id) > BigInt(max) ? row.id : max), afterId);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await options.afterBatch?.(type, total);
  }
}

async function checkAsOf(client: pg.Client, asOf: string): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`the as-of date must be YYYY-MM-DD, not "${asOf}"`);
  await client.query('SELECT $1::date', [asOf]).catch(() => {
    throw new Error(`"${asOf}" is not a calendar date`);
  });
}
