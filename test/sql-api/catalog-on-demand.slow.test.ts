import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogDatabases } from '../../src/sql-api/catalog/catalog-databases';
import { pgliteServerVersion } from '../../src/sql-api/catalog/pglite-server-version';
import { hasSavedFreshCluster } from '../../src/sql-api/catalog/saved-fresh-cluster';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';
import type { SessionContext } from '../../src/sql-api/sql-interface-options';

// A session's catalog starts with its first catalog statement, not when the session opens:
// a PGlite holds hundreds of MiB, and a client that only reads views needs none.
const TABLES: VisibleTable[] = [{ name: 'users', columns: [{ name: 'user_group', member: 'users.user_group', kind: 'dimension', type: 'string' }] }];

function dashboard(...campus: string[]): SessionContext {
  return { user: 'tool', superuser: false, securityContext: { group: 'dashboard', campus } };
}

describe('catalogs started on demand', () => {
  it('start with their first statement, one per whole security context, and tell the version connecting clients are told', async () => {
    const catalogs = new CatalogDatabases(() => true, 4);
    try {
      const main = catalogs.catalogFor(dashboard('MAIN'), TABLES);
      const med = catalogs.catalogFor(dashboard('MED'), TABLES);
      expect(catalogs.catalogFor({ ...dashboard('MAIN'), user: 'another name' }, TABLES)).toBe(main);
      expect(med).not.toBe(main);
      expect(catalogs.running).toBe(0);
      const columns = await main.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'user_group'");
      expect(columns.rows).toEqual([['1']]);
      expect(main.running).toBe(true);
      expect(med.running).toBe(false);
      // The version the server reports without a catalog is the one a catalog answers.
      expect((await main.query('SHOW server_version')).rows).toEqual([[pgliteServerVersion()]]);
      // Still the locked role in a read-only transaction: a started-on-demand catalog is the same sandbox.
      await expect(main.query('CREATE TABLE planted (x int)')).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|25006)$/) });
    } finally {
      await catalogs.close();
    }
  }, 300_000);

  it('make the fresh cluster in the background when the data folder has none, and keep no worker for it', async () => {
    const previous = process.env.ALMA_DATA_DIR;
    const folder = mkdtempSync(join(tmpdir(), 'alma-catalog-'));
    process.env.ALMA_DATA_DIR = folder;
    const catalogs = new CatalogDatabases(() => true, 4);
    try {
      expect(hasSavedFreshCluster()).toBe(false);
      catalogs.prepareFreshCluster();
      await expect.poll(() => hasSavedFreshCluster(), { timeout: 240_000, interval: 500 }).toBe(true);
      expect(catalogs.running).toBe(0);
      expect(catalogs.size).toBe(0);
    } finally {
      await catalogs.close();
      if (previous === undefined) delete process.env.ALMA_DATA_DIR;
      else process.env.ALMA_DATA_DIR = previous;
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
