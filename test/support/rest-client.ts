/** A REST answer as a caller sees it: status, raw text and parsed body (empty when the text is not JSON). */
export interface RestAnswer {
  readonly status: number;
  readonly text: string;
  readonly body: { error?: string; data?: Record<string, unknown>[]; [key: string]: unknown };
}

async function callOnce(url: string, token: string, body: unknown): Promise<RestAnswer> {
  const init: RequestInit = body === undefined
    ? { headers: { Authorization: `Bearer ${token}` } }
    : { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  // A kept-alive socket the server closed as we reused it resets; any HTTP client retries that once.
  const response = await fetch(url, init).catch((error: Error & { cause?: { code?: string } }) => {
    if (error.cause?.code === 'ECONNRESET') return fetch(url, init);
    throw error;
  });
  const text = await response.text();
  let parsed: RestAnswer['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the text says what happened
  }
  return { status: response.status, text, body: parsed };
}

/**
 * The one REST client of the tests: GET `url` (or POST `body` as JSON) with a bearer
 * token, asking again while Cube answers "Continue wait" (a query or rollup still
 * running), as Cube's own client does.
 */
export async function restCall(url: string, token: string, body?: unknown): Promise<RestAnswer> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await callOnce(url, token, body);
    if (answer.body.error !== 'Continue wait' || attempt >= 120) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
