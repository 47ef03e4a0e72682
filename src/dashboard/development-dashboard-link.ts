import { signToken } from '../auth/sign-token';

/** How long the startup link's token lives: long enough to click it, short enough not to matter if it leaks. */
const LINK_LIFETIME = '1h';

/**
 * In development (NODE_ENV not production), the address of the dashboard that
 * opens as is: an analyst token valid for an hour in the fragment, which never
 * reaches a server log. Only for a person at a terminal: output that goes to a
 * pipe or a file is a log, and a log must hold no working token
 * (ALMA_PRINT_DASHBOARD_LINK=1 prints it anyway). Undefined in production.
 */
export function developmentDashboardLink(port: number, toTerminal: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_ENV === 'production') return undefined;
  if (!toTerminal && env.ALMA_PRINT_DASHBOARD_LINK !== '1') return undefined;
  return `http://localhost:${port}/dashboard#token=${signToken({ group: 'analyst' }, LINK_LIFETIME)}`;
}
