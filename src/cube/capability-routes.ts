import { posix } from 'node:path';
import { can, whoCan } from '../auth/security-context';
import type { Capability } from '../privacy/privacy-config';

/** Routes of Cube's API that only groups with a capability may use, and why. */
const ROUTES: readonly { readonly path: RegExp; readonly capability: Capability; readonly what: string; readonly extendedOnly?: boolean }[] = [
  { path: /\/v1\/(sql|sql4sql|cubesql|convert-query)$/, capability: 'see_generated_sql', what: 'shows the SQL a query runs and the model behind it' },
  { path: /\/v1\/dry-run$/, capability: 'see_generated_sql', what: 'shows the whole model behind a query' },
  { path: /\/v1\/pre-aggregations(\/.*)?$/, capability: 'see_generated_sql', what: 'shows the rollups and the SQL behind them' },
  { path: /\/v1\/meta$/, capability: 'see_generated_sql', what: 'with "extended" shows the SQL of every member', extendedOnly: true },
  { path: /\/graphql(\/.*)?$|\/v1\/graphql-to-json$/, capability: 'use_graphql', what: 'serves GraphQL' },
];

/**
 * The path as a router might read it, whatever the spelling: percent-decoded
 * (repeatedly), backslashes as slashes, repeated slashes and dot segments
 * resolved, no trailing slash, lower case. Express matches routes without
 * regard to case and with an optional trailing slash; matching the normalized
 * path covers those and any spelling a proxy in front might rewrite.
 */
export function normalizedPath(path: string): string {
  let decoded = path.split('?')[0] ?? '';
  for (let round = 0; round < 3; round += 1) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      break;
    }
  }
  const resolved = posix.normalize(`/${decoded.replaceAll('\\', '/')}`).replace(/\/+/g, '/').replace(/\/+$/, '');
  return (resolved || '/').toLowerCase();
}

interface RequestLike {
  readonly path?: string;
  readonly originalUrl?: string;
  readonly url?: string;
  readonly query?: Record<string, unknown>;
}

/**
 * Why the caller may not use the route of `req`, or undefined when it may.
 * Every spelling of the path Cube received (path, originalUrl, url) is
 * normalized and matched, so none of them slips past the check.
 */
export function routeRefusal(req: RequestLike, securityContext: unknown): string | undefined {
  const paths = [req.path, req.originalUrl, req.url].filter((path): path is string => typeof path === 'string').map(normalizedPath);
  for (const route of ROUTES) {
    if (!paths.some((path) => route.path.test(path))) continue;
    if (route.extendedOnly && req.query?.extended === undefined) continue;
    if (can(securityContext, route.capability)) continue;
    const name = paths.map((path) => path.match(route.path)?.[0]).find(Boolean) ?? '';
    return `${name.replace(/^\/v1/, '')} ${route.what} and is for ${whoCan(route.capability)}`;
  }
  return undefined;
}

/** Cube's API scopes for the caller: `sql` and `graphql` only with the capabilities that open them. */
export function apiScopesFor(securityContext: unknown, defaultScopes: readonly string[]): string[] {
  return defaultScopes.filter((scope) => {
    if (scope === 'sql') return can(securityContext, 'see_generated_sql');
    if (scope === 'graphql') return can(securityContext, 'use_graphql');
    if (scope === 'jobs') return can(securityContext, 'build_pre_aggregations');
    return true;
  });
}
