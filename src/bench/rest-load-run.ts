import http from 'node:http';
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
async function answerOf(target: LoadTarget, agent: http.Agent, query: object): Promise<void> {
  const url = new URL(`${target.url}/cubejs-api/v1/load?query=${encodeURIComponent(JSON.stringify(query))}`);
  for (;;) {
    const { status, body } = await get(url, agent, target.token);
    if (status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
    if (!body.startsWith('{"error"')) return;
    if (!body.startsWith('{"error":"Continue wait"')) throw new Error(body.slice(0, 200));
  }
}

/**
 * A GET on a kept-alive connection of `agent`. node:http rather than fetch:
 * the clients share the server's two cores, and undici's fetch spent about
 * twice the CPU per request, which the server then did not have.
 */
function get(url: URL, agent: http.Agent, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
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
  // One kept-alive connection per client, as each of `connections` browsers or tools would hold.
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < endsAt) {
      const startedAt = performance.now();
      try {
        await answerOf(target, agent, scenario.rest(freshValue()));
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      latencies.push(performance.now() - startedAt);
    }
  }));
  agent.destroy();
  return summarizeLatencies(latencies, errors, seconds);
}
