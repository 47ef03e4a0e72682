import { describe, expect, it } from 'vitest';
import { commandComplete } from '../../src/sql-api/protocol/backend/command-complete';
import { dataRow } from '../../src/sql-api/protocol/backend/data-row';
import { readyForQuery } from '../../src/sql-api/protocol/backend/ready-for-query';
import { BackendOutput } from '../../src/sql-api/protocol/backend-output';

function recordingSocket(accepts = true) {
  const writes: Buffer[] = [];
  return { writes, write: (chunk: Buffer) => { writes.push(Buffer.from(chunk)); return accepts; } };
}

describe('BackendOutput', () => {
  it('writes an answer with one socket write, at ReadyForQuery, in order', () => {
    const socket = recordingSocket();
    const output = new BackendOutput(socket);
    const messages = [dataRow([Buffer.from('a')]), dataRow([null]), commandComplete('SELECT 2'), readyForQuery('I')];
    for (const message of messages.slice(0, 3)) output.push(message);
    expect(socket.writes).toEqual([]);
    output.push(messages[3]!);
    expect(socket.writes).toEqual([Buffer.concat(messages)]);
  });

  it('writes what is gathered when flushed, and nothing when there is nothing', () => {
    const socket = recordingSocket();
    const output = new BackendOutput(socket);
    output.flush();
    output.push(commandComplete('SELECT 0'));
    output.flush();
    output.flush();
    expect(socket.writes).toEqual([commandComplete('SELECT 0')]);
  });

  it('writes a large answer as it grows instead of holding it', () => {
    const socket = recordingSocket();
    const output = new BackendOutput(socket);
    const row = dataRow([Buffer.alloc(1000, 120)]);
    for (let i = 0; i < 200; i++) output.push(row);
    expect(socket.writes.length).toBeGreaterThanOrEqual(2);
    expect(socket.writes.every((chunk) => chunk.length <= 64 * 1024 + row.length)).toBe(true);
    output.flush();
    expect(Buffer.concat(socket.writes)).toEqual(Buffer.concat(Array(200).fill(row)));
  });

  it('tells the connection whether the socket took each write', () => {
    const told: boolean[] = [];
    const full = recordingSocket(false);
    const output = new BackendOutput(full, (accepted) => told.push(accepted));
    output.push(readyForQuery('I'));
    expect(told).toEqual([false]);
  });

  it('writes what was gathered to the old socket before moving to a new one', () => {
    const plain = recordingSocket();
    const tls = recordingSocket();
    const output = new BackendOutput(plain);
    output.push(Buffer.from('S'));
    output.moveTo(tls);
    output.push(readyForQuery('I'));
    expect(plain.writes).toEqual([Buffer.from('S')]);
    expect(tls.writes).toEqual([readyForQuery('I')]);
  });

  it('forgets what was gathered once discarded', () => {
    const socket = recordingSocket();
    const output = new BackendOutput(socket);
    output.push(commandComplete('SELECT 1'));
    output.discard();
    output.flush();
    expect(socket.writes).toEqual([]);
  });
});
