import { createHash } from 'node:crypto';
import type { SessionContext } from '../sql-interface-options';

/** The same value with object keys in sorted order, so equal contexts serialize alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, canonical(object[key])]));
  }
  return value;
}

/**
 * Which catalog database a session may use: one per whole security context (every claim,
 * not only the group, so two campuses never share) and per DDL. `null` is the server's
 * own catalog, which runs no client's text. The SQL user name is left out: any name logs in.
 */
export function catalogKeyOf(context: SessionContext | null, ddl: string): string {
  const who = context ? { securityContext: context.securityContext ?? null, superuser: context.superuser } : null;
  return createHash('sha256').update(JSON.stringify(canonical(who))).update('\0').update(ddl).digest('hex');
}
