// npm run bench -- [--users N] [--seconds S] [--only seeding,sql-api,disclosure,request-path,load]
// Every benchmark in one run, each next to its baseline, on servers and data
// folders of its own (.data/bench-*), never the development database.
// Prints the Markdown that docs/BENCHMARKS.md records.
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSeedingBenchmark } from '../src/bench/seeding-benchmark-table';
import { runSeedingBenchmark } from '../src/bench/seeding-benchmark';
import { benchmarkDataFolder, benchmarkLoad, formatLoadBenchmark } from '../src/bench/load-benchmark';
import { startLoadBenchmarkServer } from '../src/bench/load-benchmark-server';
import { benchmarkSqlApi } from '../src/bench/sql-api-benchmark';
import { benchmarkRequestPath, formatRequestPathBenchmark, startComparisonServer } from '../src/bench/request-path-benchmark';
import { benchmarkPushdown, formatPushdownBenchmark } from '../src/bench/sql-api-pushdown-benchmark';
import { benchmarkDisclosure, formatDisclosureBenchmark } from '../src/bench/disclosure-benchmark';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres-server';
import { runCommand, UsageError } from '../src/cli/run-command';
import { freePort } from '../src/net/free-port';

const PARTS = ['seeding', 'sql-api', 'disclosure', 'request-path', 'load'] as const;
const USAGE = 'usage: npm run bench -- [--users N (1000000)] [--seconds S (60)] [--only seeding,sql-api,disclosure,request-path,load]';
const REQUEST_PATH_REQUESTS = 1000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const DATA = join(__dirname, '..', '.data');

async function seedingSection(users: number): Promise<string> {
  process.env.ALMA_DATA_DIR = join(DATA, 'bench-seeding');
  const database = await startEmbeddedPostgres({ port: await freePort() });
  try {
    return `## Seeding\n\n${formatSeedingBenchmark(await runSeedingBenchmark(database.connectionString, users))}`;
  } finally {
    await database.stop();
  }
}

async function serverSections(users: number, seconds: number, parts: readonly string[]): Promise<string[]> {
  // One secret for both servers of the request-path part, so one token serves them.
  const apiSecret = randomBytes(32).toString('hex');
  // Compiled, as npm start runs in production.
  const server = await startLoadBenchmarkServer({ users, dataDir: benchmarkDataFolder(users), log, env: { CUBEJS_API_SECRET: apiSecret }, compiled: true });
  const sections: string[] = [];
  try {
    if (parts.includes('sql-api')) {
      const result = await benchmarkSqlApi({ restApi: `${server.target.url}/cubejs-api/v1`, sqlPort: server.target.sqlPort, token: server.target.token });
      sections.push([
        '## SQL API', '',
        `${result.questions} questions x ${result.rounds} rounds over ${users.toLocaleString('en-US')} users, REST and SQL API alternating`, '',
        '| | median |', '|---|---|',
        `| REST /load (baseline) | ${result.restMedianMs.toFixed(1)} ms |`,
        `| SQL API | ${result.sqlMedianMs.toFixed(1)} ms |`,
        `| SQL API overhead | ${result.overheadPercent.toFixed(1)} % (target <= 30 %) |`,
      ].join('\n'));
      const pushdown = await benchmarkPushdown({
        sqlPort: server.target.sqlPort, token: server.target.token, analystToken: server.analystToken, serverPid: server.pid, databaseUrl: server.databaseUrl,
      });
      sections.push(formatPushdownBenchmark(users, pushdown));
    }
    if (parts.includes('disclosure')) {
      const result = await benchmarkDisclosure({ restApi: `${server.target.url}/cubejs-api/v1`, withoutToken: server.target.token, withToken: server.analystToken });
      sections.push(formatDisclosureBenchmark(users, result));
    }
    if (parts.includes('request-path')) {
      const comparison = { databaseUrl: server.databaseUrl, apiSecret };
      const development = await startComparisonServer({ ...comparison, dataDir: `${benchmarkDataFolder(users)}-tsx`, compiled: false, requestCaches: true, development: true });
      const stock = await startComparisonServer({ ...comparison, dataDir: `${benchmarkDataFolder(users)}-stock`, compiled: true, requestCaches: false });
      try {
        const target = { token: server.target.token };
        const rows = await benchmarkRequestPath({
          'npm start (compiled, caches on)': { ...target, url: server.target.url, sqlPort: server.target.sqlPort, pid: server.pid },
          'npm start in development (tsx, fast reload)': { ...target, url: development.url, sqlPort: development.sqlPort, pid: development.pid },
          'compiled, ALMA_REQUEST_CACHES=off': { ...target, url: stock.url, sqlPort: stock.sqlPort, pid: stock.pid },
        }, server.databaseUrl, REQUEST_PATH_REQUESTS);
        sections.push(`## Request path\n\n${formatRequestPathBenchmark(users, REQUEST_PATH_REQUESTS, rows)}`);
      } finally {
        await stock.stop(30_000);
        await development.stop(30_000);
      }
    }
    if (parts.includes('load')) {
      const rows = await benchmarkLoad(server.target, { seconds, log });
      sections.push(`## Load\n\n${formatLoadBenchmark({ users, connections: 50, seconds, rows })}`);
    }
  } finally {
    await server.stop();
  }
  return sections;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { users: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '60' }, only: { type: 'string' } },
    strict: true,
  });
  const users = Number(values.users);
  const seconds = Number(values.seconds);
  const parts = values.only ? values.only.split(',') : [...PARTS];
  if (!Number.isInteger(users) || users <= 0 || !Number.isInteger(seconds) || seconds <= 0 || parts.some((part) => !PARTS.includes(part as never))) {
    throw new UsageError('--users and --seconds take whole numbers above 0, --only names parts among seeding, sql-api, disclosure, request-path, load');
  }
  const sections = [
    `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  ];
  if (parts.includes('seeding')) sections.push(await seedingSection(users));
  if (parts.some((part) => part !== 'seeding')) sections.push(...await serverSections(users, seconds, parts));
  process.stdout.write(`${sections.join('\n\n')}\n`);
}

runCommand(USAGE, main);
