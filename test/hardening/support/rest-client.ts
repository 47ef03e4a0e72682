import { restCall, type RestAnswer } from '../../support/rest-client';

export type { RestAnswer };

/** GET `${api}/${endpoint}?query=...` (or `?${rawSearch}`) with a bearer token. */
export async function restGet(api: string, endpoint: string, token: string, query?: unknown, rawSearch?: string): Promise<RestAnswer> {
  const search = rawSearch !== undefined ? `?${rawSearch}` : query === undefined ? '' : `?query=${encodeURIComponent(typeof query === 'string' ? query : JSON.stringify(query))}`;
  return restCall(`${api}/${endpoint}${search}`, token);
}
