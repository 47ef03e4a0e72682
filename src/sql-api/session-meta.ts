import { randomUUID } from 'node:crypto';
import type { CatalogDatabases } from './catalog/catalog-databases';
import { visibleTables } from './catalog/visible-tables';
import type { SqlSession } from './session';
import type { SqlInterfaceOptions } from './sql-interface-options';

/** Meta is re-read this often, so a changed model or policy reaches open sessions quickly. */
const META_MAX_AGE_MS = 2_000;

/**
 * Brings the session's tables and catalog up to date with Cube's meta for the session's
 * security context (the meta callback filters by access policy).
 */
export async function refreshSessionMeta(session: SqlSession, options: SqlInterfaceOptions, catalogs: CatalogDatabases): Promise<void> {
  if (session.catalog && !session.catalog.dead && Date.now() - session.metaLoadedAt < META_MAX_AGE_MS) return;
  const meta = await options.meta({ request: { id: randomUUID(), meta: undefined }, session: session.context });
  session.tables = visibleTables(meta);
  session.catalog = catalogs.catalogFor(session.context, session.tables);
  session.metaLoadedAt = Date.now();
}
