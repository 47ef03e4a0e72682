import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { sqlApiClient } from './support/sql-api-clients';

// Whatever one client does, the server keeps serving everyone else.
const server = sharedCubeServer();

async function stillServes(): Promise<void> {
  const client = await sqlApiClient(server, tokenFor(server, 'admin'));
  const result = await client.query('SELECT COUNT(*) AS n FROM users');
  await client.end();
  expect(Number(result.rows[0].n)).toBeGreaterThan(0);
}

function rawSession(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const socket = connect(server.sqlPort, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), 3_000);
  });
}

describe('the SQL API under bad input', () => {
  it('refuses a wrong password with 28P01', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user: 'x', password: 'not-a-token', database: 'db' });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
    await stillServes();
  });

  it('refuses a token signed with another secret with 28P01', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user: 'x', password: tokenFor({ apiSecret: 'z'.repeat(64) }, 'admin'), database: 'db' });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
    await stillServes();
  });

  it('answers an SSLRequest with N and random bytes with a protocol error', async () => {
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8);
    ssl.writeInt32BE(80877103, 4);
    const answer = await new Promise<Buffer>((resolve) => {
      const socket = connect(server.sqlPort, '127.0.0.1', () => socket.write(ssl));
      socket.once('data', (c) => { resolve(c); socket.destroy(); });
    });
    expect(answer.toString()).toBe('N');
    const garbage = await rawSession(Buffer.from('\x00\x00\x00\x10garbage-garbage!\xff\xfe\x00\x01', 'latin1'));
    expect(garbage[0]).toBe('E'.charCodeAt(0));
    expect(garbage.toString('latin1')).toContain('08P01');
    await stillServes();
  });

  it('survives a client that drops the connection in the middle of a query', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    client.on('error', () => undefined);
    const pending = client.query('SELECT user_group, campus_code, COUNT(*) FROM users GROUP BY 1, 2').catch(() => null);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await pending;
    await stillServes();
  });

  it('cancels a running query when asked with CancelRequest', async () => {
    // A filter value no cache has seen sends the query through Cube to PostgreSQL, which takes
    // longer than a CancelRequest over the loopback; a few tries allow for a very fast answer.
    // A server that ignored CancelRequest would answer every try, and the test fails.
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const outcomes: string[] = [];
    try {
      for (let attempt = 0; attempt < 10 && !outcomes.includes('canceled'); attempt++) {
        const marker = `cancel-${randomBytes(6).toString('hex')}`;
        const running = client.query(`SELECT cataloger_level, default_language, COUNT(*) FROM users WHERE user_group <> '${marker}' GROUP BY 1, 2`)
          .then(() => 'finished', (e: pg.DatabaseError) => (e.code === '57014' && /user request/.test(e.message) ? 'canceled' : `${e.code}: ${e.message}`));
        await sendCancelRequest(client);
        outcomes.push(await running);
      }
      expect(outcomes).toContain('canceled');
      expect(outcomes.filter((outcome) => outcome !== 'finished' && outcome !== 'canceled')).toEqual([]);
      // The session goes on after a canceled statement.
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
    await stillServes();
  });

  // Found by the fuzzer: a parameter its type cannot read reached PGlite's JavaScript serializers
  // (the catalog, and SQL over judged cells) and came back as an internal error. PostgreSQL reads a
  // parameter with the type's input function and refuses it with 22P02.
  it('refuses a parameter its type cannot read with PostgreSQL\'s 22P02, in the catalog and over judged cells', async () => {
    const direct = new pg.Client(server.databaseUrl);
    await direct.connect();
    const codeOf = (client: pg.Client, text: string, values: unknown[]) => client.query(text, values).then(() => 'answered', (e: pg.DatabaseError) => e.code);
    try {
      expect(await codeOf(direct, 'SELECT NOT $1 AS x FROM pg_catalog.pg_type LIMIT 1', ['🙂'])).toBe('22P02');
      for (const group of ['admin', 'analyst']) {
        const client = await sqlApiClient(server, tokenFor(server, group));
        try {
          expect(await codeOf(client, 'SELECT NOT $1 AS x FROM pg_catalog.pg_type LIMIT 1', ['🙂']), group).toBe('22P02');
          expect(await codeOf(client, 'SELECT NOT $1 AS x FROM pg_catalog.pg_type LIMIT 1', ['true']), group).toBe('answered');
          const cells = "SELECT '::numeric', '日本語', NOT '🙂' AS \"é\", user_group FROM users WHERE user_group <> 'Ωmega' GROUP BY user_group";
          const refusal = await client.query(cells, ['33', "'; --"]).then(() => 'answered', (e: pg.DatabaseError) => e.message);
          expect(refusal, group).toContain('invalid input syntax for type boolean');
          expect(refusal, group).not.toMatch(/internal error in the SQL API/);
        } finally {
          await client.end();
        }
      }
    } finally {
      await direct.end();
    }
    await stillServes();
  });
});

/** Sends a CancelRequest for the statement `client` is running, and resolves once the server has read it. */
async function sendCancelRequest(client: pg.Client): Promise<void> {
  const canceler = new pg.Client({ host: '127.0.0.1', port: server.sqlPort }) as unknown as {
    cancel(target: pg.Client, query: unknown): void;
    connection: { once(event: 'end', listener: () => void): void };
  };
  // The server closes the CancelRequest's connection once it has read it.
  const read = new Promise<void>((resolve) => canceler.connection.once('end', resolve));
  // node-postgres sends CancelRequest with the BackendKeyData of `client`.
  canceler.cancel(client, (client as unknown as { activeQuery: unknown }).activeQuery);
  await read;
}
