import { freshValue, type LoadScenario } from './load-scenarios';
import { summarizeLatencies, type LatencySummary } from './latency-summary';

export interface LoadTarget {
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly sqlHost: string;
  readonly sqlPort: number;
  /** An admin token (every member, every row). */
  readonly token: string;
}

/**
 * One answer to `query`, as a REST client gets it: Cube answers a query that
 * is still running with "Continue wait", and clients (@cubejs-client/core
 * among them) ask again until the answer comes. Anything else that is not data
 * is an error.
 */
async function answerOf(target: LoadTarget, query: object): Promise<void> {
  const url = `${target.url}/cubejs-api/v1/load?query=${encodeURIComponent(JSON.stringify(query))}`;
  for (;;) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${target.token}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
    if (!body.startsWith('{"error"')) return;
    if (!body.startsWith('{"error":"Continue wait"')) throw new Error(body.slice(0, 200));
  }
}

/**
 * `connections` REST clients asking `scenario` back to back for `seconds`,
 * each request with its own filter value; a request's time runs until its
 * answer, "Continue wait" rounds included, as the SQL API's does.
 */
export async function runRestLoad(target: LoadTarget, scenario: LoadScenario, connections: number, seconds: number): Promise<LatencySummary> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const endsAt = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < endsAt) {
      const startedAt = performance.now();
      try {
        await answerOf(target, scenario.rest(freshValue()));
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      latencies.push(performance.now() - startedAt);
    }
  }));
  return summarizeLatencies(latencies, errors, seconds);
}
