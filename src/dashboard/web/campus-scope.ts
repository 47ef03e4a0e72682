import type { Filter } from '@cubejs-client/core';

/** The campuses a viewer narrowed the dashboard to; empty means every campus the token allows. */
export type CampusScope = readonly string[];

/**
 * The filter that narrows a query on `view` to the chosen campuses. The
 * server already limits a dashboard token to its own campuses; this only
 * narrows further, it never widens.
 */
export function campusFilters(view: string, scope: CampusScope): Filter[] {
  return scope.length > 0 ? [{ member: `${view}.campus_code`, operator: 'equals', values: [...scope] }] : [];
}
