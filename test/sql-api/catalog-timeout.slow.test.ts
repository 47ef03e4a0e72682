import { describe, expect, it } from 'vitest';
import { CatalogDatabase } from '../../src/sql-api/catalog/catalog-database';

// PGlite runs queries synchronously; in its own worker a slow one stalls nothing else and is stopped.
describe('a catalog database', () => {
  it('stops a statement that outlives the timeout with 57014 while others keep answering', async () => {
    const slow = await CatalogDatabase.open('', 1_500);
    const other = await CatalogDatabase.open('CREATE TABLE public.users (user_group text);');
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const stalled = slow.query('SELECT count(*) FROM generate_series(1, 1000000000)').catch((e) => e);
      const queued = slow.query('SELECT 1');
      const answered = await other.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'");
      expect(answered.rows).toEqual([['user_group']]);
      expect(await stalled).toMatchObject({ code: '57014' });
      clearInterval(timer);
      // The main thread kept running while the slow statement ran.
      expect(ticks).toBeGreaterThan(10);
      // The statement queued behind the slow one runs on the worker that replaces it.
      expect(slow.dead).toBe(false);
      expect((await queued).rows).toEqual([['1']]);
    } finally {
      await slow.close();
      await other.close();
    }
  });
});
