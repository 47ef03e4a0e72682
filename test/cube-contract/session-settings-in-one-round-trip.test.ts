import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PostgresDriver from '@cubejs-backend/postgres-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { installSessionSettingsInOneRoundTrip } from '../../src/cube/patches/session-settings-in-one-round-trip';

// Cube 1.7.43's PostgreSQL driver sets the session's time zone and statement timeout before every
// query, with two statements. The patch sends the same two statements in one round trip. Judged
// against a real PostgreSQL: the settings each query runs under are the same as with Cube's own
// method, also after a query changed them for the session.
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
  (driver as any).prepareConnection = function counting(this: unknown, connection: { query(...args: unknown[]): Promise<unknown> }, ...rest: unknown[]) {
    const counted = new Proxy(connection, {
      get: (target, property) => {
        const value = Reflect.get(target, property);
        if (property !== 'query' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          if (typeof args[0] === 'string' && args[0].startsWith('SET ')) preparationStatements.push(args[0]);
          return value.apply(target, args);
        };
      },
    });
    return prepare.call(this, counted, ...rest);
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

  it('are the same with the patch, in one round trip, also after a query changed them for the session', async () => {
    // Created before the patch: its counting wrapper holds Cube's own method.
    const shipped = oneConnectionDriver();
    installSessionSettingsInOneRoundTrip();
    expect((PostgresDriver.prototype as any).prepareConnection).not.toBe(shippedPrepareConnection);
    const patched = oneConnectionDriver();
    for (const { driver } of [shipped, patched]) {
      await driver.query("SELECT set_config('TimeZone', 'Pacific/Auckland', false), set_config('statement_timeout', '0', false)", []);
    }
    const answers = await Promise.all([shipped, patched].map(({ driver }) => driver.query(SETTINGS, [])));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]).toEqual([{ time_zone: 'UTC', statement_timeout: '10min' }]);
    expect(shipped.preparationStatements.length).toBe(4);
    expect(patched.preparationStatements).toEqual([
      "SET TIME ZONE 'UTC'; SET statement_timeout TO 600000",
      "SET TIME ZONE 'UTC'; SET statement_timeout TO 600000",
    ]);
  });
});
