import autocannon from 'autocannon';
import type { LoadScenario } from './load-scenarios';
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
 * `connections` HTTP clients asking `scenario` over REST /load for `seconds`,
 * each request with its own filter value. A non-2xx answer, a transport error
 * or a 200 whose body is an error (Cube's "Continue wait" included) counts as
 * an error: only real answers count as served.
 */
export async function runRestLoad(target: LoadTarget, scenario: LoadScenario, connections: number, seconds: number): Promise<LatencySummary> {
  let next = 0;
  const latencies: number[] = [];
  const errors: string[] = [];
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => { finish = resolve; fail = reject; });
  const instance = autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout: 60,
    headers: { authorization: `Bearer ${target.token}` },
    requests: [{
      method: 'GET',
      setupRequest: (request) => {
        next += 1;
        return { ...request, path: `/cubejs-api/v1/load?query=${encodeURIComponent(JSON.stringify(scenario.rest(next)))}` };
      },
      onResponse: (status, body) => {
        if (status !== 200) errors.push(`HTTP ${status}: ${body.slice(0, 200)}`);
        else if (body.startsWith('{"error"')) errors.push(body.slice(0, 200));
      },
    }],
  }, (error, result) => (error ? fail(error) : finish(result)));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await finished;
  for (let i = 0; i < result.errors + result.timeouts; i += 1) errors.push('transport error or timeout');
  return summarizeLatencies(latencies, errors, seconds);
}
