import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PostgresDriver from '@cubejs-backend/postgres-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { installSessionSettingsOncePerConnection } from '../../src/cube/patches/session-settings-once-per-connection';

// Cube 1.7.43's PostgreSQL driver sets the session's time zone and statement timeout before every
// query, with two statements. The patch sends them once per pooled connection, and again after a
// statement that could have changed them. Judged against a real PostgreSQL: every query runs under
// the same settings as with Cube's own method, also after a query changed them for the session.
const require = createRequire(__filename);
const driverSource = readFileSync(require.resolve('@cubejs-backend/postgres-driver/dist/src/PostgresDriver.js'), 'utf8');
const shippedPrepareConnection = (PostgresDriver.prototype as any).prepareConnection;

const drivers: PostgresDriver[] = [];
afterAll(async () => {
  await Promise.all(drivers.map((driver) => driver.release()));
});

/** A driver with one pooled connection (every query reuses it), counting the statements its preparation sends. */
function oneConnectionDriver(): { driver: PostgresDriver; preparationStatements: string[] } {
  const driver = new PostgresDriver({ connectionString: inject('databaseUrl'), maxPoolSize: 1 } as never);
  drivers.push(driver);
  const preparationStatements: string[] = [];
  // The method the prototype holds now: Cube's own before the patch is installed, the patch's after.
  const prepare = (driver as any).prepareConnection;
  const counted = new WeakSet<object>();
  (driver as any).prepareConnection = function counting(this: unknown, connection: { query(...args: unknown[]): Promise<unknown> }, ...rest: unknown[]) {
    // Every statement the connection sends from here on, whoever wraps its query method later.
    if (!counted.has(connection)) {
      counted.add(connection);
      const query = connection.query;
      connection.query = function countingQuery(this: unknown, ...args: unknown[]) {
        if (typeof args[0] === 'string' && args[0].startsWith('SET ')) preparationStatements.push(args[0]);
        return query.apply(this, args);
      };
    }
    return prepare.call(this, connection, ...rest);
  };
  return { driver, preparationStatements };
}

const SETTINGS = "SELECT current_setting('TimeZone') AS time_zone, current_setting('statement_timeout') AS statement_timeout";

describe("the session settings Cube's PostgreSQL driver makes before each query", () => {
  it('are two statements in Cube 1.7.43, the texts the patch sends', () => {
    expect(require('@cubejs-backend/postgres-driver/package.json').version).toBe('1.7.43');
    const method = driverSource.slice(driverSource.indexOf('    async prepareConnection(conn'), driverSource.indexOf('    mapFields(fields)'));
    expect(method).toContain("executionTimeout: this.config.executionTimeout ? (this.config.executionTimeout) * 1000 : 600000");
    expect(method).toContain("await conn.query(`SET TIME ZONE '${this.config.storeTimezone || 'UTC'}'`);");
    expect(method).toContain('await conn.query(`SET statement_timeout TO ${options.executionTimeout}`);');
    expect(method).toContain('await this.loadUserDefinedTypes(conn);');
    expect(method.match(/conn\.query\(/g)).toHaveLength(2);
    // Both callers prepare with the defaults, right before the query.
    expect(driverSource.match(/await this\.prepareConnection\(conn\);/g)).toHaveLength(2);
    expect(driverSource.match(/prepareConnection\(/g)).toHaveLength(3);
  });

  it('are the same with the patch, sent once per connection and again after a statement changed them', async () => {
    // Created before the patch: its counting wrapper holds Cube's own method.
    const shipped = oneConnectionDriver();
    installSessionSettingsOncePerConnection();
    expect((PostgresDriver.prototype as any).prepareConnection).not.toBe(shippedPrepareConnection);
    const patched = oneConnectionDriver();
    const settingsOf = async (driver: PostgresDriver) => driver.query(SETTINGS, []);
    const steps = [
      SETTINGS,
      SETTINGS,
      // A statement that changes both for the session, as Cube's method would undo before the next query.
      "SELECT set_config('TimeZone', 'Pacific/Auckland', false), set_config('statement_timeout', '0', false)",
      SETTINGS,
      'SET statement_timeout TO 1234',
      SETTINGS,
      // A database function changing the time zone inside a plain SELECT: PostgreSQL reports the new time zone.
      'SELECT alma_test_time_zone_to_auckland()',
      SETTINGS,
    ];
    await shipped.driver.query("CREATE OR REPLACE FUNCTION alma_test_time_zone_to_auckland() RETURNS text LANGUAGE sql AS $$ SELECT set_config('TimeZone', 'Pacific/Auckland', false) $$", []);
    for (const step of steps) {
      const [before, after] = await Promise.all([shipped, patched].map(({ driver }) => driver.query(step, [])));
      if (step === SETTINGS) {
        expect(after).toEqual(before);
        expect(after).toEqual([{ time_zone: 'UTC', statement_timeout: '10min' }]);
      }
    }
    expect(await settingsOf(patched.driver)).toEqual([{ time_zone: 'UTC', statement_timeout: '10min' }]);
    // Cube: two statements before each of its queries (the function's creation and the steps).
    expect(shipped.preparationStatements.length).toBe(2 * (steps.length + 1));
    // First use, then after each of the three statements that changed the settings: 4 of 10 queries.
    expect(patched.preparationStatements).toEqual(Array(4).fill("SET TIME ZONE 'UTC'; SET statement_timeout TO 600000"));
    await shipped.driver.query('DROP FUNCTION alma_test_time_zone_to_auckland()', []);
  });
});
