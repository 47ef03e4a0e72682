import { describe, expect, it } from 'vitest';
import type { CatalogDatabase } from '../../src/sql-api/catalog/catalog-database';
import { CatalogDatabases } from '../../src/sql-api/catalog/catalog-databases';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';
import type { SessionContext } from '../../src/sql-api/sql-interface-options';

// One catalog per whole security context, and a bounded number of running workers:
// the least recently used idle one is parked and starts again on its next statement.
// Each catalog takes seconds to start (more on a busy machine): hence the long timeouts.
const TABLES: VisibleTable[] = [{ name: 'users', columns: [{ name: 'user_group', member: 'users.user_group', kind: 'dimension', type: 'string' }] }];

function dashboard(...campus: string[]): SessionContext {
  return { user: 'tool', superuser: false, securityContext: { group: 'dashboard', campus } };
}

const rowsOf = async (catalog: CatalogDatabase) => (await catalog.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'user_group'")).rows;

describe('catalog databases', () => {
  it('share a catalog only between identical security contexts', async () => {
    const catalogs = new CatalogDatabases(() => true, 4);
    try {
      const main = await catalogs.forContext(dashboard('MAIN'), TABLES);
      expect(await catalogs.forContext({ ...dashboard('MAIN'), user: 'another name' }, TABLES)).toBe(main);
      // The same claims written in another key order are the same context.
      expect(await catalogs.forContext({ user: 'x', superuser: false, securityContext: { campus: ['MAIN'], group: 'dashboard' } }, TABLES)).toBe(main);
      for (const other of [dashboard('MED'), dashboard('MAIN', 'MED'), { ...dashboard('MAIN'), superuser: true }]) {
        expect(await catalogs.forContext(other, TABLES)).not.toBe(main);
      }
      expect(catalogs.size).toBe(4);
    } finally {
      await catalogs.close();
    }
  }, 300_000);

  it('runs at most `max` workers, parking the least recently used idle one', async () => {
    const held = new Set<CatalogDatabase>();
    const catalogs = new CatalogDatabases((c) => held.has(c), 2);
    try {
      const a = await catalogs.forContext(dashboard('A'), TABLES);
      held.add(a);
      const b = await catalogs.forContext(dashboard('B'), TABLES);
      const c = await catalogs.forContext(dashboard('C'), TABLES);
      await expect.poll(() => catalogs.running).toBe(2);
      // a was the least recently used: parked, but a session holds it, so it is kept and answers again.
      expect(a.running).toBe(false);
      expect(a.dead).toBe(false);
      expect(await rowsOf(a)).toEqual([['1']]);
      await expect.poll(() => catalogs.running).toBe(2);
      // b, now the oldest idle one, was parked; no session holds it, so it is forgotten.
      await expect.poll(() => b.dead).toBe(true);
      expect(catalogs.size).toBe(2);
      expect(await rowsOf(c)).toEqual([['1']]);
      const again = await catalogs.forContext(dashboard('B'), TABLES);
      expect(again).not.toBe(b);
      expect(await rowsOf(again)).toEqual([['1']]);
      await expect.poll(() => catalogs.running).toBe(2);
    } finally {
      await catalogs.close();
    }
  }, 300_000);
});
