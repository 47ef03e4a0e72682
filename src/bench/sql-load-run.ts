import pg from 'pg';
import { freshValue, type LoadScenario } from './load-scenarios';
import type { LoadTarget } from './rest-load-run';
import { summarizeLatencies, type LatencySummary } from './latency-summary';

/**
 * `connections` node-postgres sessions on the SQL API, each asking
 * `scenario` back to back for `seconds`, each query with its own value.
 */
export async function runSqlLoad(target: LoadTarget, scenario: LoadScenario, connections: number, seconds: number): Promise<LatencySummary> {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new pg.Client({ host: target.sqlHost, port: target.sqlPort, user: 'load-benchmark', password: target.token, database: 'db' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }));
  const latencies: number[] = [];
  const errors: string[] = [];
  const endsAt = performance.now() + seconds * 1000;
  try {
    await Promise.all(clients.map(async (client) => {
      while (performance.now() < endsAt) {
        const startedAt = performance.now();
        try {
          await client.query(scenario.sql(freshValue()));
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
        latencies.push(performance.now() - startedAt);
      }
    }));
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
  return summarizeLatencies(latencies, errors, seconds);
}
