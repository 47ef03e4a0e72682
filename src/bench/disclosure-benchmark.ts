import { SQL_API_QUESTIONS } from './sql-api-questions';
import { median } from './timing';

export interface DisclosureBenchmarkOptions {
  /** REST base, e.g. http://localhost:4000/cubejs-api/v1 */
  restApi: string;
  /** A token of a group without a minimum cell size (admin): answers without disclosure control. */
  withoutToken: string;
  /** A token of a group with one (analyst): the same answers with it. */
  withToken: string;
  /** Timed rounds over the 20 questions (after one untimed warm-up round). */
  rounds?: number;
}

export interface DisclosureBenchmarkResult {
  questions: number;
  rounds: number;
  withoutMedianMs: number;
  withMedianMs: number;
  /** How much disclosure control adds to the median, in percent (target: at most 20). */
  overheadPercent: number;
  /** Per question: median without and with, in ms. */
  perQuestion: { sql: string; withoutMs: number; withMs: number }[];
}

async function timedLoad(restApi: string, token: string, query: object): Promise<number> {
  const start = process.hrtime.bigint();
  for (;;) {
    const response = await fetch(`${restApi}/load?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.json() as { error?: string };
    if (body.error === 'Continue wait') continue;
    if (!response.ok) throw new Error(`REST /load failed (${response.status}): ${body.error}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }
}

/**
 * Asks the 20 benchmark questions over REST with a token whose group has no
 * minimum cell size and with one whose group has, alternating per question so
 * both see the same cache state, and reports both medians: what disclosure
 * control (people counted per cell, suppression) costs.
 */
export async function benchmarkDisclosure(options: DisclosureBenchmarkOptions): Promise<DisclosureBenchmarkResult> {
  const rounds = options.rounds ?? 5;
  const times = SQL_API_QUESTIONS.map(() => ({ without: [] as number[], with: [] as number[] }));
  for (let round = 0; round <= rounds; round++) {
    for (const [index, question] of SQL_API_QUESTIONS.entries()) {
      const without = await timedLoad(options.restApi, options.withoutToken, question.rest);
      const withIt = await timedLoad(options.restApi, options.withToken, question.rest);
      if (round > 0) {
        times[index]!.without.push(without);
        times[index]!.with.push(withIt);
      }
    }
  }
  const withoutMedianMs = median(times.flatMap((t) => t.without));
  const withMedianMs = median(times.flatMap((t) => t.with));
  return {
    questions: SQL_API_QUESTIONS.length,
    rounds,
    withoutMedianMs,
    withMedianMs,
    overheadPercent: ((withMedianMs - withoutMedianMs) / withoutMedianMs) * 100,
    perQuestion: SQL_API_QUESTIONS.map((question, index) => ({ sql: question.sql, withoutMs: median(times[index]!.without), withMs: median(times[index]!.with) })),
  };
}

/** The Markdown section docs/BENCHMARKS.md records. */
export function formatDisclosureBenchmark(users: number, result: DisclosureBenchmarkResult): string {
  return [
    '## Disclosure control', '',
    `${result.questions} questions x ${result.rounds} rounds over REST, ${users.toLocaleString('en-US')} users, admin (no minimum cell size) and analyst (k = 5) alternating`, '',
    '| | median |', '|---|---|',
    `| Admin, no disclosure control (baseline) | ${result.withoutMedianMs.toFixed(1)} ms |`,
    `| Analyst, cells of at least k people | ${result.withMedianMs.toFixed(1)} ms |`,
    `| Disclosure control overhead | ${result.overheadPercent.toFixed(1)} % (target <= 20 %) |`,
    '', 'Per question (median ms):', '',
    '| Question | Admin | Analyst | |', '| --- | ---: | ---: | ---: |',
    ...result.perQuestion.map(({ sql, withoutMs, withMs }) =>
      `| \`${sql}\` | ${withoutMs.toFixed(0)} | ${withMs.toFixed(0)} | ${withMs >= withoutMs ? '+' : ''}${(((withMs - withoutMs) / withoutMs) * 100).toFixed(0)} % |`),
  ].join('\n');
}
