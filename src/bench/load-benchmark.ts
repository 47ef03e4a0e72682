import { join } from 'node:path';
import { LOAD_SCENARIOS, type LoadScenario } from './load-scenarios';
import type { LatencySummary } from './latency-summary';
import { startLoadBenchmarkServer } from './load-benchmark-server';
import { runRestLoad, type LoadTarget } from './rest-load-run';
import { runSqlLoad } from './sql-load-run';

export interface LoadBenchmarkOptions {
  /** Users to seed (default 1,000,000). */
  users?: number;
  /** Concurrent clients per run (default 50). */
  connections?: number;
  /** Length of each run (default 60). */
  seconds?: number;
  /** Where the benchmark's own embedded PostgreSQL lives (default benchmarkDataFolder(users); kept between runs). */
  dataDir?: string;
  log?: (line: string) => void;
}

export interface LoadBenchmarkRow {
  readonly api: 'REST' | 'SQL API';
  readonly scenario: string;
  /** What Cube said it read: the rollup's table, or none (alma.users). */
  readonly preAggregations: readonly string[];
  readonly summary: LatencySummary;
}

export interface LoadBenchmarkResult {
  readonly users: number;
  readonly connections: number;
  readonly seconds: number;
  readonly rows: readonly LoadBenchmarkRow[];
}

/** The pre-aggregations Cube used for one REST query of `scenario` (waits while the rollup is still being built). */
async function preAggregationsOf(target: LoadTarget, scenario: LoadScenario): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${target.url}/cubejs-api/v1/load?query=${encodeURIComponent(JSON.stringify(scenario.rest(-attempt - 1)))}`, {
      headers: { authorization: `Bearer ${target.token}` },
    });
    const body = await response.json() as { error?: string; usedPreAggregations?: Record<string, unknown> };
    if (body.error === 'Continue wait' || (scenario.matchesRollup && body.error === undefined && Object.keys(body.usedPreAggregations ?? {}).length === 0 && attempt < 60)) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      continue;
    }
    if (body.error) throw new Error(`${scenario.name}: ${body.error}`);
    const used = Object.keys(body.usedPreAggregations ?? {});
    if (scenario.matchesRollup !== used.length > 0) {
      throw new Error(`${scenario.name}: expected ${scenario.matchesRollup ? 'a rollup' : 'no rollup'}, Cube used [${used.join(', ')}]`);
    }
    return used;
  }
}

/**
 * Load against a running server: for each scenario (one a rollup answers, one
 * it does not), `connections` REST clients (polling on "Continue wait", as Cube's client does) and then as many SQL
 * API sessions (node-postgres), each for `seconds`.
 */
export async function benchmarkLoad(target: LoadTarget, options: { connections?: number; seconds?: number; log?: (line: string) => void } = {}): Promise<LoadBenchmarkRow[]> {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 60;
  const log = options.log ?? (() => undefined);
  const rows: LoadBenchmarkRow[] = [];
  for (const scenario of LOAD_SCENARIOS) {
    const preAggregations = await preAggregationsOf(target, scenario);
    log(`${scenario.name}: pre-aggregations [${preAggregations.join(', ')}]`);
    const rest = await runRestLoad(target, scenario, connections, seconds);
    log(`  REST: ${JSON.stringify(rest)}`);
    rows.push({ api: 'REST', scenario: scenario.name, preAggregations, summary: rest });
    const sql = await runSqlLoad(target, scenario, connections, seconds);
    log(`  SQL API: ${JSON.stringify(sql)}`);
    rows.push({ api: 'SQL API', scenario: scenario.name, preAggregations, summary: sql });
  }
  return rows;
}

/**
 * Where the benchmark server of `users` users keeps its seeded PostgreSQL, kept
 * between runs (seeding a million users takes minutes); one folder per size, so
 * a run of another size never finds the wrong data.
 */
export function benchmarkDataFolder(users: number): string {
  return join(__dirname, '..', '..', '.data', `bench-load-${users}`);
}

/**
 * The whole load benchmark, as `npm run bench` runs it: a server of its own
 * over `users` seeded users (1,000,000 by default), then benchmarkLoad.
 */
export async function runLoadBenchmark(options: LoadBenchmarkOptions = {}): Promise<LoadBenchmarkResult> {
  const users = options.users ?? 1_000_000;
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 60;
  const dataDir = options.dataDir ?? benchmarkDataFolder(users);
  const server = await startLoadBenchmarkServer({ users, dataDir, log: options.log, compiled: true });
  try {
    const rows = await benchmarkLoad(server.target, { connections, seconds, log: options.log });
    return { users, connections, seconds, rows };
  } finally {
    await server.stop();
  }
}

/** The result as the Markdown table of docs/BENCHMARKS.md, "## Load". */
export function formatLoadBenchmark(result: LoadBenchmarkResult): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const lines = [
    `${result.users.toLocaleString('en-US')} users, ${result.connections} concurrent clients, ${result.seconds} s per run`,
    '',
    '| API | query | pre-aggregation used | requests | req/s | errors | p50 | p95 | p99 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...result.rows.map(({ api, scenario, preAggregations, summary: s }) =>
      `| ${api} | ${scenario} | ${preAggregations.join(', ') || 'none'} | ${s.requests} | ${s.requestsPerSecond.toFixed(1)} | ${s.errors} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} |`),
  ];
  const errors = result.rows.flatMap((row) => row.summary.sampleErrors.map((error) => `- ${row.api}, ${row.scenario}: ${error}`));
  return errors.length ? `${lines.join('\n')}\n\nErrors seen:\n${errors.join('\n')}` : lines.join('\n');
}
