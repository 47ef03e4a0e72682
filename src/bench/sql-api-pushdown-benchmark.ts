import pg from 'pg';
import { median, timed } from './timing';

/** A statement the SQL API answers with SQL around Cube's, and the same question asked directly of the `alma` tables. */
export interface PushdownQuestion {
  name: string;
  sql: string;
  direct: string;
}

export const PUSHDOWN_QUESTIONS: PushdownQuestion[] = [
  {
    name: 'COUNT(DISTINCT user_group)',
    sql: 'SELECT COUNT(DISTINCT user_group) FROM users',
    direct: 'SELECT COUNT(DISTINCT user_group) FROM alma.users',
  },
  {
    name: 'GROUP BY extract(dow FROM loan_date)',
    sql: 'SELECT extract(dow FROM loan_date) AS dow, COUNT(*) FROM fulfillment GROUP BY 1 ORDER BY 1',
    direct: 'SELECT extract(dow FROM loan_date) AS dow, COUNT(*) FROM alma.loans GROUP BY 1 ORDER BY 1',
  },
  {
    name: 'JOIN of two aggregated subqueries',
    sql: `SELECT u.user_group, u.users, l.loans FROM (SELECT user_group, COUNT(*) AS users FROM users GROUP BY 1) u
      JOIN (SELECT user_group, COUNT(*) AS loans FROM fulfillment GROUP BY 1) l ON u.user_group = l.user_group ORDER BY 1`,
    direct: `SELECT u.user_group, u.users, l.loans FROM (SELECT user_group, COUNT(*) AS users FROM alma.users GROUP BY 1) u
      JOIN (SELECT user_group, COUNT(*) AS loans FROM alma.loans GROUP BY 1) l ON u.user_group = l.user_group ORDER BY 1`,
  },
];

export interface PushdownTiming {
  name: string;
  sqlApiMedianMs: number;
  directMedianMs: number;
  /** SQL API time over direct time (target: at most 1.5). */
  ratio: number;
}

/**
 * Each pushed-down statement over the SQL API (admin, no cache: each round asks with a
 * fresh constant so Cube's result cache cannot answer) and the same SQL on the `alma`
 * tables, alternating, median of `rounds` after one warm-up. The aggregation runs in the
 * database both ways; Node only ever receives the aggregated rows.
 */
export async function benchmarkPushdown(options: { sqlHost?: string; sqlPort: number; token: string; databaseUrl: string; rounds?: number }): Promise<PushdownTiming[]> {
  const rounds = options.rounds ?? 5;
  const api = new pg.Client({ host: options.sqlHost ?? '127.0.0.1', port: options.sqlPort, user: 'benchmark', password: options.token, database: 'db' });
  const direct = new pg.Client(options.databaseUrl);
  await Promise.all([api.connect(), direct.connect()]);
  try {
    const timings: PushdownTiming[] = [];
    for (const question of PUSHDOWN_QUESTIONS) {
      const apiTimes: number[] = [];
      const directTimes: number[] = [];
      for (let round = 0; round <= rounds; round++) {
        // A different harmless comment-free constant per round keeps Cube's cache out of the measurement.
        const salt = `SELECT * FROM (${question.sql}) AS q WHERE ${round} = ${round}`;
        const a = await timed(() => api.query(salt));
        const d = await timed(() => direct.query(`SELECT * FROM (${question.direct}) AS q WHERE ${round} = ${round}`));
        if (round > 0) {
          apiTimes.push(a);
          directTimes.push(d);
        }
      }
      const sqlApiMedianMs = median(apiTimes);
      const directMedianMs = median(directTimes);
      timings.push({ name: question.name, sqlApiMedianMs, directMedianMs, ratio: sqlApiMedianMs / directMedianMs });
    }
    return timings;
  } finally {
    await Promise.all([api.end(), direct.end()]);
  }
}

/** The Markdown table docs/BENCHMARKS.md records. */
export function formatPushdownBenchmark(users: number, timings: PushdownTiming[]): string {
  return [
    '## SQL API pushdown', '',
    `Over ${users.toLocaleString('en-US')} users: each statement through the SQL API and the same SQL on the alma tables, alternating (median of 5 after a warm-up)`, '',
    '| statement | SQL API | direct | ratio (target <= 1.5) |', '|---|---|---|---|',
    ...timings.map((t) => `| ${t.name} | ${t.sqlApiMedianMs.toFixed(1)} ms | ${t.directMedianMs.toFixed(1)} ms | ${t.ratio.toFixed(2)} |`),
  ].join('\n');
}
