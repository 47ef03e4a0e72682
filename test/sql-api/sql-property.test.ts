import type pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { classifyOutcome } from './bi-corpus/classify-outcome';
import { compareResults } from './bi-corpus/compare-results';
import { expectationFor, minCellSizeOf } from './bi-corpus/group-expectations';
import { randomQuery } from './bi-corpus/random-query-grammar';
import { referenceFor } from './bi-corpus/reference-sources';
import { runReference, runStatement } from './bi-corpus/run-statement';
import { onStandInViews } from './bi-corpus/stand-in-views';
import { SeededRandom } from './support/seeded-random';
import { sqlApiClient } from './support/sql-api-clients';

// Random aggregate queries over the views from a small grammar (grouping by columns and
// functions of them, measures, SUM over measures, COUNT(DISTINCT), MIN/MAX, WHERE with
// AND/OR/NOT, IN, = ANY(ARRAY[...]), LIKE, IS NULL, time comparisons, ORDER BY with NULLS
// FIRST/LAST, LIMIT; literals with quotes, multi-byte text, backticks, ${...} and
// backslashes), each generated with the same question on the alma tables. Every answer, as
// admin and as analyst, must be PostgreSQL's or a refusal: 0A000 for what is unsupported,
// any refusal where the group may not ask. Replay a run with ALMA_FUZZ_SEED=<seed>;
// ALMA_PROPERTY_QUERIES sets how many queries per group (default 60).
const server = sharedCubeServer();
const seed = Number(process.env.ALMA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const QUERIES = Number(process.env.ALMA_PROPERTY_QUERIES ?? 60);

describe(`random queries over the views against PostgreSQL (ALMA_FUZZ_SEED=${seed})`, () => {
  it('asks the same question on both sides: each query over stand-in views equals its reference on PostgreSQL', async () => {
    const random = new SeededRandom(seed);
    const disagreements = await onStandInViews(inject('databaseUrl'), 'admin', async (rowsOf) => {
      const found: string[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const query = randomQuery(random);
        try {
          const verdict = compareResults(await rowsOf(query.sql), await rowsOf(referenceFor(query.reference, 'admin')), query.comparison, 0);
          if (!verdict.equal) found.push(`#${i} ${query.sql} | ${verdict.detail}`);
        } catch (error) {
          found.push(`#${i} ${query.sql} | ${(error as Error).message}`);
        }
      }
      return found;
    });
    expect(disagreements).toEqual([]);
  });

  it.each(['admin', 'analyst'])('answers every one as PostgreSQL does, or refuses it with 0A000, as %s', async (group) => {
    console.log(`sql-property: seed ${seed}, ${QUERIES} queries as ${group}; replay with ALMA_FUZZ_SEED=${seed}`);
    const random = new SeededRandom(seed);
    const minCellSize = minCellSizeOf(group);
    const failures: string[] = [];
    let answered = 0;
    let client: pg.Client | undefined;
    try {
      for (let i = 0; i < QUERIES; i++) {
        const query = randomQuery(random);
        if (!client) {
          client = await sqlApiClient(server, tokenFor(server, group), 'sql-property');
          client.on('error', () => undefined);
        }
        const outcome = await runStatement(client, query.sql, random.next() < 0.5 ? 'simple' : 'extended');
        if (outcome.kind === 'error' && outcome.code === 'no SQLSTATE') {
          await client.end().catch(() => undefined);
          client = undefined;
        }
        const reference = await runReference(server.databaseUrl, referenceFor(query.reference, group));
        const judgement = classifyOutcome(query.comparison, await expectationFor({ sql: query.sql }, group), outcome, reference, minCellSize);
        if (outcome.kind === 'rows') answered++;
        if (judgement.classification === 'wrong' || judgement.classification === 'other-error') {
          failures.push(`#${i} ${judgement.classification}: ${query.sql}\n    ${judgement.detail.slice(0, 300)}`);
        }
      }
    } finally {
      await client?.end().catch(() => undefined);
    }
    console.log(`sql-property (${group}): ${answered} of ${QUERIES} answered, ${failures.length} wrong or failed otherwise`);
    expect(failures).toEqual([]);
  }, 20 * 60_000);
});
