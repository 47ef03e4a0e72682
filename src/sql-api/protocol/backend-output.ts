/**
 * Backend messages on their way to the client, gathered and written with one
 * socket write. An answer is many small messages (RowDescription, a DataRow per
 * row, CommandComplete, ReadyForQuery) and every socket write is a system call,
 * so, as PostgreSQL does with its output buffer, messages wait here until the
 * server waits for the client (ReadyForQuery, a Flush, a password) or the batch
 * is large, and then leave together, in order.
 */
import { READY_FOR_QUERY } from './backend/ready-for-query';

/** Past this many bytes a batch is written at once, so a large answer streams out instead of being held. */
const WRITE_AT_BYTES = 64 * 1024;

const READY_FOR_QUERY_BYTE = READY_FOR_QUERY.charCodeAt(0);

export interface OutputSocket {
  write(chunk: Buffer): boolean;
}

export class BackendOutput {
  private parts: Buffer[] = [];
  private size = 0;

  /** @param written called after each socket write with what write() returned (false: wait for 'drain') */
  constructor(private socket: OutputSocket, private readonly written: (accepted: boolean) => void = () => undefined) {}

  /** Writes whatever is gathered to the old socket, then sends to the new one (after a TLS upgrade). */
  moveTo(socket: OutputSocket): void {
    this.flush();
    this.socket = socket;
  }

  /** Adds one message; ReadyForQuery (the server now waits for the client) and a large batch are written at once. */
  push(message: Buffer): void {
    this.parts.push(message);
    this.size += message.length;
    if (message[0] === READY_FOR_QUERY_BYTE || this.size >= WRITE_AT_BYTES) this.flush();
  }

  /** Writes everything gathered with one socket write. */
  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.written(this.socket.write(chunk));
  }

  /** Forgets what is gathered (the connection is gone). */
  discard(): void {
    this.parts = [];
    this.size = 0;
  }
}
