import PostgresDriver from '@cubejs-backend/postgres-driver';

const INSTALLED = Symbol.for('alma.session-settings-once-per-connection');
const WATCHED = Symbol.for('alma.session-settings-watched');
// On the connection itself rather than in a WeakMap, so that a wrapper of the connection
// (a Proxy passes reads and writes of properties through) finds the same record.
const PREPARED_WITH = Symbol.for('alma.session-settings-prepared-with');

interface ParameterStatus {
  parameterName?: string;
}

interface PgConnection {
  query(...args: unknown[]): Promise<unknown>;
  /** pg's protocol connection: it emits each backend message by name. */
  connection?: { on(event: 'parameterStatus', listener: (message: ParameterStatus) => void): void };
  [WATCHED]?: true;
  /** The settings statement it was last prepared with, kept while nothing since can have changed them. */
  [PREPARED_WITH]?: string;
}

interface DriverInternals {
  config: { storeTimezone?: string; executionTimeout?: number };
  loadUserDefinedTypes(connection: PgConnection): Promise<void>;
  prepareConnection(connection: PgConnection, options?: { executionTimeout: number }): Promise<void>;
}

const driverPrototype = PostgresDriver.prototype as unknown as DriverInternals & Record<PropertyKey, unknown>;

/**
 * Whether a statement cannot change a session setting: a plain SELECT (or WITH) that names
 * neither set_config nor SET or RESET anywhere. Cube's queries and rollup reads are such
 * statements; anything else (a rollup build, DDL, a model's SQL that calls set_config)
 * makes the next query set the session up again.
 */
function leavesSettingsAlone(text: unknown): boolean {
  return typeof text === 'string' && /^\s*(select|with)\b/i.test(text) && !/\bset_config\b|\bset\b|\breset\b/i.test(text);
}

function textOf(query: unknown): unknown {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && 'text' in query) return (query as { text: unknown }).text;
  return undefined;
}

/** Forget a connection's settings when a statement could have changed them, or PostgreSQL reports a new time zone. */
function watch(connection: PgConnection): void {
  if (connection[WATCHED]) return;
  connection[WATCHED] = true;
  const query = connection.query;
  connection.query = function queryNotingSettings(this: PgConnection, ...args: unknown[]) {
    if (!leavesSettingsAlone(textOf(args[0]))) connection[PREPARED_WITH] = undefined;
    return query.apply(this, args);
  };
  // A function of the database's own could set the time zone inside a plain SELECT; PostgreSQL reports it.
  connection.connection?.on('parameterStatus', (message) => {
    if (message.parameterName === 'TimeZone') connection[PREPARED_WITH] = undefined;
  });
}

/**
 * Before every query, Cube's PostgreSQL driver sets the session's time zone
 * and statement timeout again, with two statements of their own: two round
 * trips to PostgreSQL before the query itself. Here a pooled connection is set
 * up with the same two statements (in one round trip) when it is first used,
 * and again before the next query whenever a statement since could have
 * changed them: any statement but a plain SELECT free of SET, RESET and
 * set_config, or a new time zone reported by PostgreSQL. A statement timeout
 * changed by a database function inside a plain SELECT is not seen; nothing
 * in this project's model or SQL API can call one (the SQL API refuses
 * set_config and unknown functions for every group).
 */
export function installSessionSettingsOncePerConnection(): void {
  if (driverPrototype[INSTALLED]) return;
  if (typeof driverPrototype.prepareConnection !== 'function' || typeof driverPrototype.loadUserDefinedTypes !== 'function') {
    throw new Error('Cube\'s PostgreSQL driver has no prepareConnection: its session settings cannot be kept per connection');
  }
  driverPrototype.prepareConnection = async function prepareConnectionWhenNeeded(this: DriverInternals, connection, options = {
    executionTimeout: this.config.executionTimeout ? this.config.executionTimeout * 1000 : 600000,
  }) {
    // Cube 1.7.43's two statements, word for word (test/cube-contract pins them).
    const settings = `SET TIME ZONE '${this.config.storeTimezone || 'UTC'}'; SET statement_timeout TO ${options.executionTimeout}`;
    if (connection[PREPARED_WITH] !== settings) {
      watch(connection);
      await connection.query(settings);
      connection[PREPARED_WITH] = settings;
    }
    await this.loadUserDefinedTypes(connection);
  };
  driverPrototype[INSTALLED] = true;
}
