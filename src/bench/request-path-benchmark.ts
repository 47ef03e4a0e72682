import { spawn } from 'node:child_process';
import pg from 'pg';
import { freshValue, LOAD_SCENARIOS } from './load-scenarios';
import { getOk, runRequestPath, type RequestPathFigures } from './request-path-run';
import { startServerProcess, withoutDatabaseUrl, type ServerProcess } from '../cube/server-process';
import { freePort } from '../net/free-port';

export interface RequestPathTarget {
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly sqlPort: number;
  readonly token: string;
  readonly pid: number;
}

export interface RequestPathRow {
  readonly server: string;
  readonly question: string;
  readonly figures: RequestPathFigures;
}

const CACHED_QUERY = { measures: ['users.count'], dimensions: ['users.user_group', 'users.status'] };
const CACHED_SQL = 'SELECT user_group, status, COUNT(*) FROM users GROUP BY 1, 2';
const ROLLUP = LOAD_SCENARIOS.find((scenario) => scenario.matchesRollup)!;

const loadUrl = (target: RequestPathTarget, query: object) => `${target.url}/cubejs-api/v1/load?query=${encodeURIComponent(JSON.stringify(query))}`;

/**
 * A bare Node HTTP server in a process of its own, answering every request
 * with `body`: the least any server can spend on one JSON answer here.
 */
async function startBareServer(body: string): Promise<{ url: string; pid: number; stop(): void }> {
  const port = await freePort();
  const program = `require('node:http').createServer((_q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end(process.env.BODY); })
    .listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', program], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare HTTP server exited (code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

async function sqlApiRun(target: RequestPathTarget, requests: number): Promise<RequestPathFigures> {
  const client = new pg.Client({ host: '127.0.0.1', port: target.sqlPort, user: 'bench', password: target.token, database: 'db' });
  await client.connect();
  try {
    return await runRequestPath({ ask: async () => void await client.query(CACHED_SQL), serverPid: target.pid, requests });
  } finally {
    await client.end();
  }
}

/** p50 of the rollup's own SQL run straight on PostgreSQL, a new value each time: what an uncached rollup answer cannot go below. */
async function postgresRollupRun(target: RequestPathTarget, databaseUrl: string, requests: number): Promise<RequestPathFigures> {
  const headers = { authorization: `Bearer ${target.token}` };
  const response = await fetch(`${target.url}/cubejs-api/v1/sql?query=${encodeURIComponent(JSON.stringify(ROLLUP.rest(0)))}`, { headers });
  const { sql } = (await response.json()) as { sql: { sql: [string, unknown[]]; preAggregations: { tableName: string }[] } };
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    // Cube names the rollup without its version in the SQL it shows, and reads the newest version.
    let text = sql.sql[0];
    for (const { tableName } of sql.preAggregations) {
      const [schema, table] = tableName.split('.');
      const newest = await client.query(
        "SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename LIKE $2 || '%' ORDER BY tablename DESC LIMIT 1",
        [schema, table]);
      if (newest.rows[0]) text = text.split(`${tableName} `).join(`${newest.rows[0].name} `);
    }
    const backendPid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    return await runRequestPath({ ask: async (index) => void await client.query(text, [`bench-pg-${index}`]), serverPid: backendPid, requests });
  } finally {
    await client.end();
  }
}

/**
 * One client, back to back, on each server (`servers`, e.g. with and without
 * the request-path caches) in the same run: a cached REST answer, a rollup
 * answer with a new filter value each time, and the SQL API's same statement
 * again; next to a bare Node HTTP server answering the same JSON body and the
 * rollup's SQL straight on PostgreSQL. Latency, and the CPU the answering
 * process spent per request (steady when the machine is shared).
 */
export async function benchmarkRequestPath(servers: Record<string, RequestPathTarget>, databaseUrl: string, requests = 1000): Promise<RequestPathRow[]> {
  const rows: RequestPathRow[] = [];
  const first = Object.values(servers)[0]!;
  const headers = { authorization: `Bearer ${first.token}` };
  const body = await (await fetch(loadUrl(first, CACHED_QUERY), { headers })).text();
  const bare = await startBareServer(body);
  try {
    rows.push({ server: 'bare Node HTTP', question: 'the same JSON body', figures: await runRequestPath({ ask: () => getOk(bare.url), serverPid: bare.pid, requests }) });
  } finally {
    bare.stop();
  }
  rows.push({ server: 'PostgreSQL', question: 'the rollup\'s SQL, a new value each time', figures: await postgresRollupRun(first, databaseUrl, requests) });
  for (const [name, target] of Object.entries(servers)) {
    const auth = { authorization: `Bearer ${target.token}` };
    rows.push({ server: name, question: 'REST, the same query again', figures: await runRequestPath({ ask: () => getOk(loadUrl(target, CACHED_QUERY), auth), serverPid: target.pid, requests }) });
    rows.push({
      server: name, question: 'REST, rollup, a new filter value each time',
      figures: await runRequestPath({ ask: () => getOk(loadUrl(target, ROLLUP.rest(freshValue())), auth), serverPid: target.pid, requests }),
    });
    rows.push({ server: name, question: 'SQL API, the same statement again', figures: await sqlApiRun(target, requests) });
  }
  return rows;
}

export function formatRequestPathBenchmark(users: number, requests: number, rows: readonly RequestPathRow[]): string {
  return [
    `One client, ${requests} requests back to back per row, ${users.toLocaleString('en-US')} users, production settings, admin token.`,
    'CPU is the answering process\'s user + system time over the row divided by its requests.',
    '',
    '| server | question | p50 | p95 | CPU per request | errors |',
    '|---|---|---|---|---|---|',
    ...rows.map(({ server, question, figures }) =>
      `| ${server} | ${question} | ${figures.p50Ms.toFixed(2)} ms | ${figures.p95Ms.toFixed(2)} ms | ${figures.cpuMsPerRequest.toFixed(2)} ms | ${figures.errors} |`),
  ].join('\n');
}

/**
 * Another `npm start` over the same database, for the before/after of the same
 * run: compiled or through tsx, with the request-path caches or without them
 * (ALMA_REQUEST_CACHES=off, Cube's request path as it ships).
 */
export async function startComparisonServer(options: {
  databaseUrl: string; apiSecret: string; dataDir: string; compiled: boolean; requestCaches: boolean;
  /** As `npm start` runs without NODE_ENV=production: through tsx, Cube's development mode, fast reload on. */
  development?: boolean;
}): Promise<ServerProcess & { sqlPort: number }> {
  const sqlPort = await freePort();
  const server = await startServerProcess({
    compiled: options.compiled,
    port: await freePort(),
    readyWithinMs: 10 * 60_000,
    env: {
      ...withoutDatabaseUrl(process.env), DATABASE_URL: options.databaseUrl, ALMA_DATA_DIR: options.dataDir, CUBEJS_PG_SQL_PORT: String(sqlPort),
      CUBEJS_API_SECRET: options.apiSecret, CUBEJS_LOG_LEVEL: 'error', NODE_ENV: options.development ? 'development' : 'production',
      ALMA_REQUEST_CACHES: options.requestCaches ? 'on' : 'off',
    },
  });
  return Object.assign(server, { sqlPort });
}
