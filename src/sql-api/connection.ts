import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { authenticate, type AuthMethod } from './auth/authenticate';
import type { CatalogDatabases } from './catalog/catalog-databases';
import { ExtendedQuery } from './extended-query';
import { BackendOutput } from './protocol/backend-output';
import { authenticationOk } from './protocol/backend/authentication';
import { backendKeyData } from './protocol/backend/backend-key-data';
import { errorResponse } from './protocol/backend/error-response';
import { parameterStatus } from './protocol/backend/parameter-status';
import { readyForQuery } from './protocol/backend/ready-for-query';
import { FRONTEND } from './protocol/frontend/message-types';
import { readPassword } from './protocol/frontend/password';
import { readQuery } from './protocol/frontend/query';
import { readUntypedMessage, type UntypedMessage } from './protocol/frontend/startup';
import { MessageFramer, MessageLengthError, type FrontendFrame } from './protocol/message-framer';
import { SqlSession } from './session';
import { refreshSessionMeta } from './session-meta';
import { runSimpleQuery } from './simple-query';
import { SqlApiError, SQLSTATE } from './sql-api-error';
import type { SessionContext, SqlInterfaceOptions } from './sql-interface-options';
import { errorFieldsOf } from './error-fields';

/** Messages read ahead of the one running before the socket stops reading. */
const MAX_QUEUED_MESSAGES = 1000;

/** What every connection shares: Cube's callbacks, catalogs, open sessions (for CancelRequest). */
export interface ServerContext {
  options: SqlInterfaceOptions;
  catalogs: CatalogDatabases;
  sessions: Map<number, SqlSession>;
  authMethod: AuthMethod;
  tls: SecureContext | null;
  serverVersion: string;
  log(message: string): void;
}

/**
 * One client connection: startup, SSL negotiation, authentication, then simple and
 * extended query messages, handled strictly in order.
 */
export class Connection {
  private readonly framer = new MessageFramer();
  private socket: Socket;
  private queue: Promise<void> = Promise.resolve();
  private passwordWaiter: ((password: string) => void) | null = null;
  private session: SqlSession | null = null;
  private extended: ExtendedQuery | null = null;
  private closed = false;
  private queued = 0;
  /** Backend messages gathered for one socket write; see BackendOutput. */
  private readonly output: BackendOutput;
  /** True from a socket write the socket could not take in whole until its 'drain'. */
  private draining = false;
  private drainWaiters: (() => void)[] = [];
  /** Set while a statement runs, for shutdown to wait on. */
  busy = false;

  constructor(socket: Socket, private readonly server: ServerContext) {
    this.socket = socket;
    this.output = new BackendOutput(socket, (accepted) => this.afterWrite(accepted));
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Ends the connection and forgets its session. */
  close(): void {
    if (this.closed) return;
    // Replies gathered before a Terminate still go out; on a dropped socket there is nothing to write to.
    if (!this.socket.destroyed) this.output.flush();
    this.closed = true;
    this.output.discard();
    this.releaseDrainWaiters();
    if (this.session) this.server.sessions.delete(this.session.processId);
    this.passwordWaiter = null;
    this.socket.destroy();
  }

  private send = (message: Buffer): void => {
    if (!this.closed) this.output.push(message);
  };

  /** Stops reading while the socket holds more than it can take, so a client that does not read its answers is not answered without end. */
  private afterWrite(accepted: boolean): void {
    if (accepted || this.draining || this.closed) return;
    this.draining = true;
    this.socket.once('drain', () => {
      this.draining = false;
      this.releaseDrainWaiters();
      this.updateReading();
    });
    this.updateReading();
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const release of waiters) release();
  }

  /** Reads while fewer than MAX_QUEUED_MESSAGES wait and the socket takes what is written. */
  private updateReading(): void {
    if (this.closed) return;
    if (this.queued > MAX_QUEUED_MESSAGES || this.draining) this.socket.pause();
    else this.socket.resume();
  }

  private fatal(code: string, message: string): void {
    this.send(errorResponse({ severity: 'FATAL', code, message }));
    this.output.flush();
    // Once the error is written, stop reading too: a client may still be sending a huge message.
    const socket = this.socket;
    socket.end(() => socket.destroy());
    this.closed = true;
    if (this.session) this.server.sessions.delete(this.session.processId);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: FrontendFrame[];
    try {
      frames = this.framer.push(chunk);
    } catch (e) {
      this.fatal(SQLSTATE.protocolViolation, e instanceof MessageLengthError ? e.message : 'invalid message framing');
      return;
    }
    for (const frame of frames) {
      // The password arrives while authentication awaits it, so it bypasses the queue.
      if (frame.type === FRONTEND.password && this.passwordWaiter) {
        const waiter = this.passwordWaiter;
        this.passwordWaiter = null;
        try {
          waiter(readPassword(frame.body));
        } catch {
          this.fatal(SQLSTATE.protocolViolation, 'invalid password message');
        }
        continue;
      }
      // A client that pipelines faster than statements run is paused rather than buffered without end.
      if (++this.queued > MAX_QUEUED_MESSAGES) this.updateReading();
      this.queue = this.queue
        .then(() => this.handle(frame))
        .catch((e) => {
          this.server.log(`SQL API connection error: ${(e as Error)?.stack ?? e}`);
          this.fatal(SQLSTATE.internalError, 'internal error in the SQL API');
        })
        .finally(() => {
          // Nothing more to do until the client sends again: whatever is gathered goes out now.
          if (--this.queued === 0 && !this.closed) this.output.flush();
          this.updateReading();
        });
    }
  }

  private async handle(frame: FrontendFrame): Promise<void> {
    // The next answer waits until the socket has taken the last one.
    if (this.draining) await new Promise<void>((release) => this.drainWaiters.push(release));
    if (this.closed) return;
    if (frame.type === null) return this.handleUntyped(frame.body);
    if (!this.session || !this.extended) {
      if (frame.type === FRONTEND.terminate) return this.close();
      return this.fatal(SQLSTATE.protocolViolation, `unexpected message "${frame.type}" before authentication`);
    }
    this.busy = true;
    try {
      switch (frame.type) {
        case FRONTEND.query:
          this.extended.reset();
          await runSimpleQuery(this.statementContext(), readQuery(frame.body), this.send);
          break;
        case FRONTEND.terminate:
          this.close();
          break;
        case FRONTEND.copyFail:
          break;
        case FRONTEND.flush:
          this.output.flush();
          break;
        default:
          if (!(await this.extended.handle(frame))) {
            this.fatal(SQLSTATE.protocolViolation, `invalid frontend message type ${frame.type.charCodeAt(0)}`);
          }
      }
    } finally {
      this.busy = false;
    }
  }

  private statementContext() {
    return { session: this.session!, options: this.server.options, catalogs: this.server.catalogs };
  }

  private async handleUntyped(body: Buffer): Promise<void> {
    let message: UntypedMessage;
    try {
      message = readUntypedMessage(body);
    } catch {
      return this.fatal(SQLSTATE.protocolViolation, 'invalid startup packet');
    }
    switch (message.kind) {
      case 'ssl-request':
        if (this.server.tls) return this.upgradeToTls(this.server.tls);
        this.output.push(Buffer.from('N'));
        return this.readNextUntyped();
      case 'gssenc-request':
        this.output.push(Buffer.from('N'));
        return this.readNextUntyped();
      case 'cancel-request': {
        const target = this.server.sessions.get(message.processId);
        if (target && target.secretKey === message.secretKey) target.canceled = true;
        return this.close();
      }
      case 'unsupported-protocol':
        return this.fatal(SQLSTATE.protocolViolation, `unsupported frontend protocol ${message.version >> 16}.${message.version & 0xffff}`);
      case 'startup':
        this.framer.startupDone = true;
        await this.startSession(message.parameters);
        // Messages that came with the startup packet were held back; read them now.
        this.receive(Buffer.alloc(0));
    }
  }

  /** After SSLRequest or GSSENCRequest comes another untyped message, maybe already buffered. */
  private readNextUntyped(): void {
    queueMicrotask(() => this.receive(Buffer.alloc(0)));
  }

  private upgradeToTls(secureContext: SecureContext): void {
    this.socket.removeAllListeners('data');
    this.output.push(Buffer.from('S'));
    this.output.flush();
    const tls = new TLSSocket(this.socket, { isServer: true, secureContext });
    this.socket = tls;
    this.output.moveTo(tls);
    this.listen(tls);
  }

  private async startSession(parameters: Record<string, string>): Promise<void> {
    const user = parameters.user ?? '';
    if (!user) return this.fatal(SQLSTATE.invalidAuthorization, 'no PostgreSQL user name specified in startup packet');
    let context: SessionContext;
    try {
      context = await authenticate(this.server.authMethod, user, this.server.options, this.send, () =>
        new Promise<string>((resolve) => {
          // The client answers the password request only once it has it.
          this.output.flush();
          this.passwordWaiter = resolve;
          this.receive(Buffer.alloc(0));
        }),
      );
    } catch (e) {
      const code = e instanceof SqlApiError ? e.code : SQLSTATE.invalidPassword;
      return this.fatal(code, e instanceof SqlApiError ? e.message : `password authentication failed for user "${user}"`);
    }
    const session = new SqlSession(context, parameters.application_name, this.newProcessId(), randomInt(1, 2 ** 31 - 1));
    for (const [name, value] of Object.entries(parameters)) {
      if (!['user', 'database', 'options', 'replication'].includes(name)) session.settings.set(name.toLowerCase(), value);
    }
    this.session = session;
    this.extended = new ExtendedQuery(this.statementContext(), this.send, this.server.log);
    this.server.sessions.set(session.processId, session);
    try {
      await refreshSessionMeta(session, this.server.options, this.server.catalogs);
    } catch (e) {
      const fields = errorFieldsOf(e, this.server.log);
      return this.fatal(fields.code, fields.message);
    }
    this.send(authenticationOk());
    const reported: Record<string, string> = {
      server_version: this.server.serverVersion,
      server_encoding: 'UTF8',
      client_encoding: 'UTF8',
      DateStyle: 'ISO, MDY',
      TimeZone: 'UTC',
      IntervalStyle: 'postgres',
      integer_datetimes: 'on',
      standard_conforming_strings: 'on',
      is_superuser: context.superuser ? 'on' : 'off',
      session_authorization: user,
      application_name: parameters.application_name ?? '',
    };
    for (const [name, value] of Object.entries(reported)) this.send(parameterStatus(name, value));
    this.send(backendKeyData(session.processId, session.secretKey));
    this.send(readyForQuery('I'));
  }

  private newProcessId(): number {
    for (;;) {
      const id = randomInt(1, 2 ** 31 - 1);
      if (!this.server.sessions.has(id)) return id;
    }
  }
}
