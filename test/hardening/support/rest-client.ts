/** A REST answer as the attacker sees it: status, raw text and parsed body. */
export interface RestAnswer {
  readonly status: number;
  readonly text: string;
  readonly body: { error?: string; data?: Record<string, unknown>[]; [key: string]: unknown };
}

/** GET `${api}/${endpoint}?query=...` (or `?${rawSearch}`) with a bearer token. */
export async function restGet(api: string, endpoint: string, token: string, query?: unknown, rawSearch?: string): Promise<RestAnswer> {
  const search = rawSearch !== undefined ? `?${rawSearch}` : query === undefined ? '' : `?query=${encodeURIComponent(typeof query === 'string' ? query : JSON.stringify(query))}`;
  const send = () => fetch(`${api}/${endpoint}${search}`, { headers: { Authorization: `Bearer ${token}` } });
  // A kept-alive socket the server closed as we reused it resets; any HTTP client retries that once.
  const response = await send().catch((error: Error & { cause?: { code?: string } }) => {
    if (error.cause?.code === 'ECONNRESET') return send();
    throw error;
  });
  const text = await response.text();
  let body: RestAnswer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text says what happened
  }
  return { status: response.status, text, body };
}
