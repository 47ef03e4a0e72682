import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { USER_CLOSED_SETS, userColumnType } from '../db/user-columns';
import { SeededPopulation } from '../seed/seeded-population';
import { userDetailsFields } from '../user-details/user-details-fields';

export interface BaselineRun {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

export const BENCH_SCHEMA = 'alma_bench';

/** A table shaped like alma.users with its primary key and unique identifier, as the seed loads into. */
async function createUsersLike(client: pg.ClientBase, name: string): Promise<string> {
  const table = `${BENCH_SCHEMA}.${name}`;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${BENCH_SCHEMA}`);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (LIKE alma.users INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (user_id), ADD UNIQUE (primary_identifier)`);
  return table;
}

/** A generate_series expression for a users column, valid for its type and closed set. */
function seriesExpression(member: string): string {
  const field = userDetailsFields().find((candidate) => candidate.member === member)!;
  const closedSet = USER_CLOSED_SETS[member];
  if (closedSet) return `(ARRAY[${closedSet.map((value) => `'${value}'`).join(', ')}])[1 + i % ${closedSet.length}]`;
  switch (userColumnType(field)) {
    case 'boolean': return 'i % 7 = 0';
    case 'date': return `date '1950-01-01' + i % 30000`;
    case 'timestamptz': return `timestamptz '2000-01-01 00:00+00' + make_interval(secs => i * 97)`;
    default: return `'${member}_' || i`;
  }
}

function rate(rows: number, startedAt: number): BaselineRun {
  const seconds = (performance.now() - startedAt) / 1000;
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

/** PostgreSQL's own INSERT ... SELECT ... FROM generate_series of every users column: no client work at all. */
export async function insertFromGenerateSeries(client: pg.ClientBase, users: number): Promise<BaselineRun> {
  const table = await createUsersLike(client, 'users_generate_series');
  const members = userDetailsFields().map((field) => field.member);
  const startedAt = performance.now();
  await client.query(`INSERT INTO ${table} (${members.join(', ')})
    SELECT ${members.map(seriesExpression).join(', ')} FROM generate_series(1, ${users}) AS i`);
  return rate(users, startedAt);
}

/**
 * A plain COPY of users rows made beforehand and held in memory: the COPY
 * alone is timed. Returns also the heap it took to hold the rows.
 */
export async function copyPregeneratedRows(client: pg.ClientBase, users: number): Promise<BaselineRun & { heldBytes: number }> {
  const table = await createUsersLike(client, 'users_plain_copy');
  const population = new SeededPopulation({ users, seed: 'plain-copy', asOf: '2026-11-24' });
  const usersTable = population.tables[0]!;
  // With --expose-gc (npm run bench) the heap is measured clean; without it, a collection in between
  // can hide part of it, and the rows' own bytes are the floor.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const lines: string[] = [];
  let payloadBytes = 0;
  const cursor = population.cursor();
  // Flattened copies, as rows read from a file or built by an ORM would be.
  while (cursor.next()) {
    const line = Buffer.from(usersTable.linesOf(cursor.user, cursor.ids)).toString();
    payloadBytes += line.length;
    lines.push(line);
  }
  collect();
  const heldBytes = Math.max(process.memoryUsage().heapUsed - heapBefore, payloadBytes);
  let next = 0;
  const rows = new Readable({
    read() {
      let text = '';
      for (let i = 0; i < 512 && next < lines.length; i++) text += lines[next++];
      if (text) this.push(text);
      if (next >= lines.length) this.push(null);
    },
  });
  const startedAt = performance.now();
  await pipeline(rows, client.query(copyFrom(`COPY ${table} (${usersTable.columns.join(', ')}) FROM STDIN`)));
  return { ...rate(users, startedAt), heldBytes };
}
