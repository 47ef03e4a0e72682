import pg from 'pg';
import { bytesReadBy, sampleServerMemory, type ServerMemory } from './sql-api-server-memory';
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
  /** Median bytes the server process read while answering (from PostgreSQL and its client): rows streamed into Node would show here. */
  serverReadMedianKiB?: number;
}

/** How a group with a minimum cell size fared with the same statements: its time, or the refusal it got. */
export interface PushdownGroupOutcome {
  name: string;
  /** The first answer (nothing of it in Cube's cache yet). */
  firstMs?: number;
  /** Median of the later rounds (the same statement again: Cube may answer from its cache). */
  laterMedianMs?: number;
  refusal?: string;
}

export interface PushdownBenchmark {
  timings: PushdownTiming[];
  /** As the group with a minimum cell size (analyst), when a token for it was given. */
  analyst?: PushdownGroupOutcome[];
  /** The server's memory over admin's statements, when its process id was given. */
  memory?: ServerMemory;
  /** The server's memory over the analyst's statements (which may start the session's PGlite). */
  analystMemory?: ServerMemory;
}

export interface PushdownOptions {
  sqlHost?: string;
  sqlPort: number;
  /** Admin's token (sees every view, no minimum cell size). */
  token: string;
  analystToken?: string;
  /** The SQL API server's process, for its memory and the bytes it reads (Linux /proc). */
  serverPid?: number;
  databaseUrl: string;
  rounds?: number;
}

/** Polls in a row that must find no other statement running before a timed one starts. */
const QUIET_POLLS = 4;

/**
 * Waits until no other statement has run in the database for a few polls 100 ms apart:
 * Cube re-runs a query in the background after answering it when its refresh key moved
 * (first its refresh key query, then the query), and that run must not overlap the next
 * timed statement on either side. One quiet poll right after an answer comes too early.
 */
async function untilDatabaseIsQuiet(direct: pg.Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let quiet = 0; quiet < QUIET_POLLS && Date.now() < deadline;) {
    const { rows } = await direct.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    quiet = Number(rows[0]!.n) === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function sqlApiClient(options: PushdownOptions, token: string): pg.Client {
  return new pg.Client({ host: options.sqlHost ?? '127.0.0.1', port: options.sqlPort, user: 'benchmark', password: token, database: 'db' });
}

/**
 * Each pushed-down statement over the SQL API (admin, no cache: each round asks with a
 * fresh constant so Cube's result cache cannot answer) and the same SQL on the `alma`
 * tables, alternating, median of `rounds` after one warm-up, each one started when the
 * database runs nothing else. The aggregation runs in the database both ways; the bytes
 * the server reads per statement show that Node receives only the aggregated rows.
 * Then, with an analyst token, the same statements as a group with a minimum cell size.
 */
export async function benchmarkPushdown(options: PushdownOptions): Promise<PushdownBenchmark> {
  const rounds = options.rounds ?? 5;
  const samplers: { stop(): ServerMemory }[] = [];
  const sampleMemory = () => {
    if (!options.serverPid) return undefined;
    const sampler = sampleServerMemory(options.serverPid);
    samplers.push(sampler);
    return sampler;
  };
  const memory = sampleMemory();
  const api = sqlApiClient(options, options.token);
  const direct = new pg.Client(options.databaseUrl);
  await Promise.all([api.connect(), direct.connect()]);
  try {
    const timings: PushdownTiming[] = [];
    for (const question of PUSHDOWN_QUESTIONS) {
      const apiTimes: number[] = [];
      const directTimes: number[] = [];
      const readKiB: number[] = [];
      for (let round = 0; round <= rounds; round++) {
        // A different harmless comment-free constant per round keeps Cube's cache out of the measurement.
        const salt = `SELECT * FROM (${question.sql}) AS q WHERE ${round} = ${round}`;
        await untilDatabaseIsQuiet(direct);
        const readBefore = options.serverPid ? bytesReadBy(options.serverPid) : 0;
        const a = await timed(() => api.query(salt));
        const read = options.serverPid ? (bytesReadBy(options.serverPid) - readBefore) / 1024 : 0;
        await untilDatabaseIsQuiet(direct);
        const d = await timed(() => direct.query(`SELECT * FROM (${question.direct}) AS q WHERE ${round} = ${round}`));
        if (round > 0) {
          apiTimes.push(a);
          directTimes.push(d);
          readKiB.push(read);
        }
      }
      const sqlApiMedianMs = median(apiTimes);
      const directMedianMs = median(directTimes);
      timings.push({
        name: question.name, sqlApiMedianMs, directMedianMs, ratio: sqlApiMedianMs / directMedianMs,
        ...(options.serverPid ? { serverReadMedianKiB: median(readKiB) } : {}),
      });
    }
    const adminMemory = memory?.stop();
    if (!options.analystToken) return { timings, ...(adminMemory ? { memory: adminMemory } : {}) };
    const analystSampler = sampleMemory();
    const analyst = await asGroup(options, options.analystToken, direct, rounds);
    const analystMemory = analystSampler?.stop();
    return { timings, analyst, ...(adminMemory ? { memory: adminMemory } : {}), ...(analystMemory ? { analystMemory } : {}) };
  } finally {
    for (const sampler of samplers) sampler.stop();
    await Promise.all([api.end(), direct.end()]);
  }
}

/**
 * The statements as they are (a constant condition is refused for a group with a minimum
 * cell size, so no salt): the first answer, then the median of the later rounds.
 */
async function asGroup(options: PushdownOptions, token: string, direct: pg.Client, rounds: number): Promise<PushdownGroupOutcome[]> {
  const client = sqlApiClient(options, token);
  await client.connect();
  try {
    const outcomes: PushdownGroupOutcome[] = [];
    for (const question of PUSHDOWN_QUESTIONS) {
      const times: number[] = [];
      try {
        for (let round = 0; round <= rounds; round++) {
          await untilDatabaseIsQuiet(direct);
          times.push(await timed(() => client.query(question.sql)));
        }
        outcomes.push({ name: question.name, firstMs: times[0]!, laterMedianMs: median(times.slice(1)) });
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string };
        outcomes.push({ name: question.name, refusal: `${code ?? ''} ${message ?? String(error)}`.trim() });
      }
    }
    return outcomes;
  } finally {
    await client.end();
  }
}

/** The Markdown table docs/BENCHMARKS.md records. */
export function formatPushdownBenchmark(users: number, { timings, analyst, memory, analystMemory }: PushdownBenchmark): string {
  const read = (t: PushdownTiming) => (t.serverReadMedianKiB === undefined ? '' : ` ${t.serverReadMedianKiB.toFixed(0)} KiB |`);
  const lines = [
    '## SQL API pushdown', '',
    `Over ${users.toLocaleString('en-US')} users, admin: each statement through the SQL API and the same SQL on the alma tables, alternating, each started on a quiet database (median of 5 after a warm-up)`, '',
    `| statement | SQL API | direct | ratio (target <= 1.5) |${timings[0]?.serverReadMedianKiB === undefined ? '' : ' server read per statement |'}`,
    `|---|---|---|---|${timings[0]?.serverReadMedianKiB === undefined ? '' : '---|'}`,
    ...timings.map((t) => `| ${t.name} | ${t.sqlApiMedianMs.toFixed(1)} ms | ${t.directMedianMs.toFixed(1)} ms | ${t.ratio.toFixed(2)} |${read(t)}`),
  ];
  if (analyst) {
    lines.push('', 'The same statements as analyst (minimum cell size; no salt, so later rounds may come from Cube\'s cache):', '',
      '| statement | first answer | later rounds (median) |', '|---|---|---|',
      ...analyst.map((o) => (o.refusal
        ? `| ${o.name} | no answer: ${o.refusal.replace(/\|/g, '\\|')} | |`
        : `| ${o.name} | ${o.firstMs!.toFixed(1)} ms | ${o.laterMedianMs!.toFixed(1)} ms |`)));
  }
  const described = (m: ServerMemory) => `${m.peakServerMiB.toFixed(0)} MiB (target < 500 MB = 477 MiB); the main process's own high-water mark since start-up `
    + `${m.mainProcessLifetimePeakMiB.toFixed(0)} MiB; the embedded PostgreSQL apart, ${m.peakDatabaseMiB.toFixed(0)} MiB`;
  if (memory) {
    lines.push('', `Server memory over admin's statements: peak RSS of the API's process tree (Node with its worker threads and PGlite catalogs, and its helpers; sampled every 100 ms) ${described(memory)}.`);
  }
  if (analystMemory) lines.push('', `Over the analyst's statements: ${described(analystMemory)}.`);
  return lines.join('\n');
}
