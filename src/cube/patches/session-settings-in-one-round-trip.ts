import PostgresDriver from '@cubejs-backend/postgres-driver';

const INSTALLED = Symbol.for('alma.session-settings-in-one-round-trip');

interface PgConnection {
  query(text: string): Promise<unknown>;
}

interface DriverInternals {
  config: { storeTimezone?: string; executionTimeout?: number };
  loadUserDefinedTypes(connection: PgConnection): Promise<void>;
  prepareConnection(connection: PgConnection, options?: { executionTimeout: number }): Promise<void>;
}

const driverPrototype = PostgresDriver.prototype as unknown as DriverInternals & Record<PropertyKey, unknown>;

/**
 * Before every query, Cube's PostgreSQL driver sets the session's time zone
 * and statement timeout again, each with a statement of its own: two round
 * trips to PostgreSQL (and two socket writes) before the query itself. Here
 * both statements go in one simple query, the same text in the same order,
 * still before every query: anything a query changed in the session is put
 * back exactly as before. Only the number of round trips changes.
 */
export function installSessionSettingsInOneRoundTrip(): void {
  if (driverPrototype[INSTALLED]) return;
  if (typeof driverPrototype.prepareConnection !== 'function' || typeof driverPrototype.loadUserDefinedTypes !== 'function') {
    throw new Error('Cube\'s PostgreSQL driver has no prepareConnection: its session settings cannot be sent in one round trip');
  }
  driverPrototype.prepareConnection = async function prepareConnectionInOneRoundTrip(this: DriverInternals, connection, options = {
    executionTimeout: this.config.executionTimeout ? this.config.executionTimeout * 1000 : 600000,
  }) {
    // Cube 1.7.43's two statements, word for word (test/cube-contract pins them), as one simple query.
    await connection.query(`SET TIME ZONE '${this.config.storeTimezone || 'UTC'}'; SET statement_timeout TO ${options.executionTimeout}`);
    await this.loadUserDefinedTypes(connection);
  };
  driverPrototype[INSTALLED] = true;
}
