import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../support/scratch-database';

// The SQL API as Cube starts it, in this process: Cube's own server core and API gateway over a small
// fixture model in a scratch database, whose SQL server hands Cube's callbacks to our registerSqlInterface
// (through the native module's registerInterface), driven by node-postgres. Answers are judged against the database.
const MODEL = `
cubes:
  - name: things
    sql_table: public.things
    measures:
      - name: count
        type: count
      - name: total_amount
        sql: amount
        type: sum
    dimensions:
      - name: id
        sql: id
        type: number
        primary_key: true
      - name: status
        sql: status
        type: string
`;

const PASSWORD = 'harness-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface SqlServer {
  init(options: object): Promise<void>;
  shutdown(mode: 'fast'): Promise<void>;
}

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let core: { initSQLServer(): SqlServer; shutdown(): Promise<void> };
let sqlServer: SqlServer;
let sqlPort: number;

beforeAll(async () => {
  scratch = await createScratchDatabase('sql_harness');
  const setup = new pg.Client(scratch.url);
  await setup.connect();
  await setup.query(`CREATE TABLE things (id int PRIMARY KEY, status text, amount numeric)`);
  await setup.query(`INSERT INTO things SELECT i, (ARRAY['new','open','closed'])[1 + i % 3], i * 1.5 FROM generate_series(1, 50) i`);
  await setup.end();
  process.env.CUBEJS_DB_TYPE = 'postgres';
  process.env.CUBEJS_CACHE_AND_QUEUE_DRIVER = 'memory';
  process.env.CUBEJS_TESSERACT_SQL_PLANNER = 'false';
  process.env.CUBEJS_TRANSPILATION_NATIVE = 'false';
  // Cube is loaded by Node's own require, as the server loads it; the integration project runs its workers with
  // tsx's loader (vitest.config.mts), through which Cube requires @cubejs-backend/native, our TypeScript (src/native).
  const require = createRequire(__filename);
  const { CubejsServerCore } = require('@cubejs-backend/server-core');
  const { PostgresDriver } = require('@cubejs-backend/postgres-driver');
  const url = new URL(scratch.url);
  const checkSqlAuth = async (_request: unknown, user: string) => ({ password: PASSWORD, superuser: false, securityContext: { user } });
  core = new CubejsServerCore({
    apiSecret: 'in-process-harness-secret',
    devServer: false,
    // Cube's log lines would carry the fixture's queries; the assertions say what went wrong.
    logger: () => undefined,
    driverFactory: () => new PostgresDriver({
      host: url.hostname, port: Number(url.port), database: url.pathname.slice(1),
      user: decodeURIComponent(url.username), password: decodeURIComponent(url.password),
    }),
    repositoryFactory: () => ({ dataSchemaFiles: async () => [{ fileName: 'things.yml', content: MODEL }] }),
    checkSqlAuth,
  } as never) as unknown as typeof core;
  sqlPort = await freePort();
  sqlServer = core.initSQLServer();
  await sqlServer.init({ pgSqlPort: sqlPort, checkSqlAuth });
}, 120_000);

afterAll(async () => {
  await sqlServer?.shutdown('fast');
  await core?.shutdown();
  await scratch?.drop();
});

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: '127.0.0.1', port: sqlPort, user: 'harness', password: PASSWORD, database: 'db' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('the SQL API started in-process by Cube over a fixture model', () => {
  it('answers a grouped query with what the database holds', async () => {
    const answer = await withClient((c) => c.query('SELECT status, MEASURE(count) AS n, SUM(total_amount) AS total FROM things GROUP BY 1 ORDER BY 1'));
    const db = new pg.Client(scratch.url);
    await db.connect();
    const expected = await db.query('SELECT status, count(*)::text AS n, sum(amount)::text AS total FROM things GROUP BY 1 ORDER BY 1');
    await db.end();
    expect(answer.rows.map((r) => [r.status, String(r.n), Number(r.total)])).toEqual(expected.rows.map((r) => [r.status, r.n, Number(r.total)]));
  });

  it('lists the fixture cube in the catalog and refuses a table that is not there with 42P01', async () => {
    const tables = await withClient((c) => c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    expect(tables.rows.map((r) => r.table_name)).toEqual(['things']);
    const error = await withClient((c) => c.query('SELECT * FROM nothing').then(() => null, (e: pg.DatabaseError) => e));
    expect(error?.code).toBe('42P01');
  });

  it('refuses a wrong password', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: sqlPort, user: 'harness', password: 'wrong', database: 'db' });
    const error = await client.connect().then(() => null, (e: pg.DatabaseError) => e);
    await client.end().catch(() => undefined);
    expect(error?.code).toBe('28P01');
  });
});
