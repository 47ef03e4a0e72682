import pg from 'pg';
import { SQL_API_QUESTIONS } from './sql-api-questions';
import { median, timed } from './timing';

export interface SqlApiBenchmarkOptions {
  /** REST base, e.g. http://localhost:4000/cubejs-api/v1 */
  restApi: string;
  sqlHost?: string;
  sqlPort: number;
  /** A token of a group that may see every view (admin). */
  token: string;
  /** Timed rounds over the 20 questions (after one untimed warm-up round). */
  rounds?: number;
}

export interface SqlApiBenchmarkResult {
  questions: number;
  rounds: number;
  restMedianMs: number;
  sqlMedianMs: number;
  /** How much the SQL API adds to the REST median, in percent (target: at most 30). */
  overheadPercent: number;
}

/**
 * Asks the same 20 questions over REST /load and over the SQL API (one open connection,
 * as a BI tool keeps), alternating per question so both see the same cache state,
 * and reports both medians.
 */
export async function benchmarkSqlApi(options: SqlApiBenchmarkOptions): Promise<SqlApiBenchmarkResult> {
  const rounds = options.rounds ?? 5;
  const client = new pg.Client({ host: options.sqlHost ?? '127.0.0.1', port: options.sqlPort, user: 'benchmark', password: options.token, database: 'db' });
  await client.connect();
  const rest = async (query: object) => {
    const response = await fetch(`${options.restApi}/load?query=${encodeURIComponent(JSON.stringify(query))}`, {
      headers: { Authorization: `Bearer ${options.token}` },
    });
    if (!response.ok) throw new Error(`REST /load failed (${response.status}): ${await response.text()}`);
    await response.json();
  };
  const restTimes: number[] = [];
  const sqlTimes: number[] = [];
  try {
    for (let round = 0; round <= rounds; round++) {
      for (const question of SQL_API_QUESTIONS) {
        const r = await timed(() => rest(question.rest));
        const s = await timed(() => client.query(question.sql));
        if (round > 0) {
          restTimes.push(r);
          sqlTimes.push(s);
        }
      }
    }
  } finally {
    await client.end();
  }
  const restMedianMs = median(restTimes);
  const sqlMedianMs = median(sqlTimes);
  return {
    questions: SQL_API_QUESTIONS.length,
    rounds,
    restMedianMs,
    sqlMedianMs,
    overheadPercent: ((sqlMedianMs - restMedianMs) / restMedianMs) * 100,
  };
}
