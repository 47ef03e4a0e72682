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
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const running = client.query('SELECT user_group, status, campus_code, COUNT(*) FROM users GROUP BY 1, 2, 3');
    const canceler = new pg.Client({ host: '127.0.0.1', port: server.sqlPort });
    // node-postgres sends CancelRequest with the BackendKeyData of `client`.
    (canceler as unknown as { cancel(a: pg.Client, q: unknown): void }).cancel(client, (client as unknown as { activeQuery: unknown }).activeQuery);
    const outcome = await running.then(() => 'finished', (e: pg.DatabaseError) => e.code);
    // A query that finished before the cancel arrived is fine; a canceled one says 57014.
    expect(['finished', '57014']).toContain(outcome);
    await client.query('SELECT 1');
    await client.end();
    await stillServes();
  });
});
