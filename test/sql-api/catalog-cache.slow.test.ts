import { describe, expect, it } from 'vitest';
import { CatalogDatabases, type CatalogDatabase } from '../../src/sql-api/catalog/catalog-database';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';

// Catalogs per visibility are bounded: the least recently used one no session holds is closed.
function tables(column: string): VisibleTable[] {
  return [{ name: 'users', columns: [{ name: column, member: `users.${column}`, kind: 'dimension', type: 'string' }] }];
}

describe('catalog databases', () => {
  it('keeps at most `max` open, never closing one a session holds', async () => {
    const held = new Set<CatalogDatabase>();
    const catalogs = new CatalogDatabases((c) => held.has(c), 2);
    try {
      const a = await catalogs.forTables(tables('a'));
      held.add(a);
      const b = await catalogs.forTables(tables('b'));
      const c = await catalogs.forTables(tables('c'));
      expect(catalogs.size).toBe(2);
      expect(a.dead).toBe(false);
      await expect.poll(() => b.dead).toBe(true);
      expect((await c.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'c'")).rows[0]![0]).toBe('1');
      // Asking again for an evicted visibility opens a fresh catalog with the same tables.
      const again = await catalogs.forTables(tables('b'));
      expect(again).not.toBe(b);
      expect((await again.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'b'")).rows[0]![0]).toBe('1');
      expect(a.dead).toBe(false);
    } finally {
      await catalogs.close();
    }
  });
});
