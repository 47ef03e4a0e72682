import { join } from 'node:path';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { classifyOutcome } from './bi-corpus/classify-outcome';
import type { ResultSet } from './bi-corpus/compare-results';
import { corpus } from './bi-corpus/corpus';
import { figuresByTool, figuresTable, writeCorpusArtifact, type JudgedRun } from './bi-corpus/corpus-report';
import { TOOLS } from './bi-corpus/corpus-statement';
import { expectationFor, minCellSizeOf } from './bi-corpus/group-expectations';
import { referenceFor } from './bi-corpus/reference-sources';
import { runReference, runStatement, type Outcome } from './bi-corpus/run-statement';
import { sqlApiClient } from './support/sql-api-clients';

// Every corpus statement, in the shape a BI tool sends, runs through the SQL API as admin
// and as analyst and is judged against the same question asked of PostgreSQL directly.
// The acceptance figures are the defaults; the environment may lower them only to iterate
// on a planner locally (ALMA_BI_CORPUS_MIN_CORRECT, ALMA_BI_CORPUS_MIN_CORRECT_PER_TOOL), and
// ALMA_BI_CORPUS_TOOL=<tool> runs one tool's statements alone.
const server = sharedCubeServer();
const GROUPS = ['admin', 'analyst'] as const;
const MIN_CORRECT = Number(process.env.ALMA_BI_CORPUS_MIN_CORRECT ?? 95);
const MIN_CORRECT_PER_TOOL = Number(process.env.ALMA_BI_CORPUS_MIN_CORRECT_PER_TOOL ?? 90);
const ACCEPTANCE_GROUPS = GROUPS;
const STATEMENT_TIMEOUT_MS = 60_000;
const ARTIFACT = join(__dirname, '..', '..', '.data', 'artifacts', 'bi-corpus.json');
const selected = corpus.filter((statement) => !process.env.ALMA_BI_CORPUS_TOOL || statement.tool === process.env.ALMA_BI_CORPUS_TOOL);

/** One statement with a deadline; a statement that hangs leaves its connection unusable, so the caller reconnects. */
async function withDeadline(run: Promise<Outcome>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'error', code: 'timeout', message: `no answer within ${STATEMENT_TIMEOUT_MS / 1000} s` }), STATEMENT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCorpusAs(group: string): Promise<JudgedRun[]> {
  // Exact references cannot judge perturbed counts: the corpus runs where answers are exact.
  if (privacyConfig().groups.find((policy) => policy.name === group)?.disclosure?.perturbation) {
    throw new Error(`model/privacy.yml perturbs ${group}'s counts; the BI corpus compares exact answers, so run it with perturbation: none`);
  }
  const token = tokenFor(server, group);
  const minCellSize = minCellSizeOf(group);
  const references = new Map<string, ResultSet>();
  const runs: JudgedRun[] = [];
  let client: pg.Client | undefined;
  for (const statement of selected) {
    if (!client) {
      client = await sqlApiClient(server, token, `bi-corpus-${group}`);
      // A connection the server drops surfaces on the statement; the client must not throw it again.
      client.on('error', () => undefined);
    }
    const outcome = await withDeadline(runStatement(client, statement.sql, statement.protocol));
    // After a timeout or a broken connection, the next statement gets a fresh session.
    if (outcome.kind === 'error' && (outcome.code === 'timeout' || outcome.code === 'no SQLSTATE')) {
      await client.end().catch(() => undefined);
      client = undefined;
    }
    const referenceSql = referenceFor(statement.reference, group);
    if (!references.has(referenceSql)) {
      references.set(referenceSql, await runReference(server.databaseUrl, referenceSql).catch((error: Error) => {
        throw new Error(`the reference of "${statement.tool}: ${statement.shape}" failed: ${error.message}`);
      }));
    }
    const reference = references.get(referenceSql)!;
    const judgement = classifyOutcome(statement.compare, await expectationFor(statement, group), outcome, reference, minCellSize);
    runs.push({ statement, group, judgement });
  }
  await client?.end().catch(() => undefined);
  return runs;
}

describe('the SQL API answering the BI corpus', () => {
  const runs: JudgedRun[] = [];

  beforeAll(async () => {
    for (const group of GROUPS) runs.push(...await runCorpusAs(group));
    writeCorpusArtifact(ARTIFACT, runs);
    console.log(`BI corpus, ${selected.length} statements x ${GROUPS.join(' and ')} (details: ${ARTIFACT}):\n${figuresTable(figuresByTool(runs))}`);
  }, 30 * 60_000);

  it('has at least 200 statements, from every one of the 13 tools', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const tool of TOOLS) expect(corpus.filter((statement) => statement.tool === tool).length, tool).toBeGreaterThanOrEqual(10);
  });

  it('gives no wrong answer, as admin or as analyst', () => {
    const wrong = runs.filter((run) => run.judgement.classification === 'wrong')
      .map((run) => `${run.group} | ${run.statement.tool}: ${run.statement.shape} | ${run.judgement.detail}`);
    expect(wrong).toEqual([]);
  });

  it.each(ACCEPTANCE_GROUPS)(`answers at least ${MIN_CORRECT} % of the runs correctly as %s`, (group) => {
    const all = figuresByTool(runs.filter((run) => run.group === group)).find((f) => f.tool === 'all')!;
    expect(all.percentCorrect).toBeGreaterThanOrEqual(MIN_CORRECT);
  });

  it.each(ACCEPTANCE_GROUPS)(`answers at least ${MIN_CORRECT_PER_TOOL} % of each tool's runs correctly as %s`, (group) => {
    const below = figuresByTool(runs.filter((run) => run.group === group))
      .filter((f) => !f.tool.startsWith('all') && f.runs > 0 && f.percentCorrect < MIN_CORRECT_PER_TOOL);
    expect(below.map((f) => `${f.tool}: ${f.percentCorrect} %`)).toEqual([]);
  });

  it('refuses whatever it does not support with 0A000 naming the construct, not with another error', () => {
    const otherErrors = runs.filter((run) => run.judgement.classification === 'other-error')
      .map((run) => `${run.group} | ${run.statement.tool}: ${run.statement.shape} | ${run.judgement.detail}`);
    expect(otherErrors).toEqual([]);
  });
});
