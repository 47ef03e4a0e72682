import { signToken } from '../auth/sign-token';

/** How long the startup link's token lives: long enough to click it, short enough not to matter if it leaks. */
const LINK_LIFETIME = '1h';

/**
 * In development (NODE_ENV not production), the address of the dashboard that
 * opens as is: an analyst token valid for an hour in the fragment, which never
 * reaches a server log. Undefined in production, where nobody should find a
 * working token in a startup log.
 */
export function developmentDashboardLink(port: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_ENV === 'production') return undefined;
  return `http://localhost:${port}/dashboard#token=${signToken({ group: 'analyst' }, LINK_LIFETIME)}`;
}
