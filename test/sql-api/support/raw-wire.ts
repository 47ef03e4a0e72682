import { connect, type Socket } from 'node:net';

/** A StartupMessage (protocol 3.0) with these parameters. */
export function startupMessage(parameters: Record<string, string>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(parameters).flatMap(([k, v]) => [Buffer.from(`${k}\0`), Buffer.from(`${v}\0`)]),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

/** A typed frontend message: type byte, length, body. */
export function typedMessage(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** A raw socket with everything it received so far, and whether the server closed it. */
export interface RawSession {
  socket: Socket;
  received(): Buffer;
  closed: Promise<void>;
}

export function openRaw(port: number): Promise<RawSession> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks), closed }));
    socket.once('error', reject);
  });
}

/** Waits until `test` holds for what was received, or the socket closes. */
export async function waitFor(session: RawSession, test: (received: Buffer) => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let closed = false;
  session.closed.then(() => { closed = true; });
  while (Date.now() < deadline) {
    if (test(session.received())) return true;
    if (closed) return test(session.received());
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Starts a session and authenticates with the token; resolves once ReadyForQuery arrived. */
export async function authenticatedRaw(port: number, token: string): Promise<RawSession> {
  const session = await openRaw(port);
  session.socket.write(startupMessage({ user: 'fuzz', database: 'db' }));
  if (!(await waitFor(session, (r) => r.includes(Buffer.from('R')), 30_000))) throw new Error('no authentication request');
  session.socket.write(typedMessage('p', Buffer.from(`${token}\0`)));
  if (!(await waitFor(session, (r) => r.includes(Buffer.from([0x5a, 0, 0, 0, 5])), 30_000))) throw new Error('not ready for query');
  return session;
}
