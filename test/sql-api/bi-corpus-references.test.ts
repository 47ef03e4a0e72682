import { describe, expect, inject, it } from 'vitest';
import { compareResults } from './bi-corpus/compare-results';
import { corpus } from './bi-corpus/corpus';
import { referenceFor } from './bi-corpus/reference-sources';
import { onStandInViews } from './bi-corpus/stand-in-views';

// The corpus checks itself, without the SQL API: each statement, run by PostgreSQL over
// plain views that stand in for the semantic layer (one row per record, each measure as its
// value on that record, MEASURE() rolling it up), must give its reference's answer. So a
// statement the SQL API gets "wrong" is wrong because of the SQL API, not because the
// statement and its reference ask different questions.
describe('the BI corpus on PostgreSQL itself', () => {
  it.each(['admin', 'analyst'])('gives every statement its reference\'s answer over stand-in views, as %s sees the data', async (group) => {
    const disagreements = await onStandInViews(inject('databaseUrl'), group, async (rowsOf) => {
      const found: string[] = [];
      for (const statement of corpus) {
        try {
          const verdict = compareResults(await rowsOf(statement.sql), await rowsOf(referenceFor(statement.reference, group)), statement.compare, 0);
          if (!verdict.equal) found.push(`${statement.tool}: ${statement.shape} | ${verdict.detail}`);
        } catch (error) {
          found.push(`${statement.tool}: ${statement.shape} | ${(error as Error).message}`);
        }
      }
      return found;
    });
    expect(disagreements).toEqual([]);
  });
});
