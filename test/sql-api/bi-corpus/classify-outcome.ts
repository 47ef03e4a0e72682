import { compareResults, timesCutToDays, type ResultSet, type Verdict } from './compare-results';
import type { Comparison } from './corpus-statement';
import type { Expectation } from './group-expectations';
import type { Outcome } from './run-statement';

/** Errors that refuse without saying why: internal errors, timeouts, dropped sessions. */
const UNEXPLAINED = new Set(['XX000', 'timeout', 'no SQLSTATE']);

export type Classification = 'correct' | 'wrong' | 'refused-0A000' | 'other-error';

export interface Judgement {
  readonly classification: Classification;
  /** Why, in a line: the first difference, the refusal's SQLSTATE and text, or what was expected. */
  readonly detail: string;
  readonly suppressedCells: number;
  readonly smallRowsShown: number;
}

/**
 * Judges one answer. Rows that equal the reference are correct (unless they show a
 * row of fewer people than the minimum cell size in full); rows where a
 * refusal was due (a hidden member, per-person rows for a group with a minimum
 * cell size, raw times) are wrong unless there are none; a refusal that was due is
 * correct when it gives a reason (not an internal error); any other refusal is
 * 0A000 (unsupported, named) or another error.
 */
export function classifyOutcome(comparison: Comparison, expectation: Expectation, outcome: Outcome, reference: ResultSet, minCellSize: number): Judgement {
  const none = { suppressedCells: 0, smallRowsShown: 0 };
  if (expectation.kind === 'refusal') {
    if (outcome.kind === 'error') {
      // A refusal must say why; an internal error, a timeout or a dropped session only happens to refuse.
      if (UNEXPLAINED.has(outcome.code)) return { classification: 'other-error', detail: `${outcome.code} ${outcome.message} (a refusal was due: ${expectation.because})`, ...none };
      return { classification: 'correct', detail: `refused as due (${expectation.because}): ${outcome.code}`, ...none };
    }
    if (outcome.result.rows.length === 0 && reference.rows.length === 0) {
      return { classification: 'correct', detail: 'no rows, as the reference', ...none };
    }
    if (expectation.coarsenedTo === 'day') {
      const verdict = compareResults(outcome.result, timesCutToDays(reference), comparison, minCellSize, expectation.selectsAmongGroups);
      if (verdict.equal) return judgeAnswer(verdict, minCellSize, 'times cut to the day, as due');
    }
    return { classification: 'wrong', detail: `answered with ${outcome.result.rows.length} rows although it ${expectation.because}`, ...none };
  }
  if (expectation.kind === 'answer-or-refusal' && outcome.kind === 'error') {
    if (UNEXPLAINED.has(outcome.code)) return { classification: 'other-error', detail: `${outcome.code} ${outcome.message} (a refusal was allowed: ${expectation.because})`, ...none };
    return { classification: 'correct', detail: `refused, as it may (${expectation.because}): ${outcome.code}`, ...none };
  }
  if (outcome.kind === 'error') {
    return { classification: outcome.code === '0A000' ? 'refused-0A000' : 'other-error', detail: `${outcome.code} ${outcome.message}`, ...none };
  }
  return judgeAnswer(compareResults(outcome.result, reference, comparison, minCellSize, expectation.selectsAmongGroups), minCellSize);
}

/**
 * An equal answer is correct unless it shows in full a row of fewer people than the
 * minimum cell size: the right values, told to someone who may not know them.
 */
function judgeAnswer(verdict: Verdict, minCellSize: number, note = ''): Judgement {
  const counts = { suppressedCells: verdict.suppressedCells, smallRowsShown: verdict.smallRowsShown };
  if (!verdict.equal) return { classification: 'wrong', detail: verdict.detail ?? '', ...counts };
  if (verdict.smallRowsShown > 0) {
    return { classification: 'wrong', detail: `shows ${verdict.smallRowsShown} rows of fewer than ${minCellSize} people in full`, ...counts };
  }
  const suppressed = verdict.suppressedCells > 0 ? `${verdict.suppressedCells} cells suppressed` : '';
  return { classification: 'correct', detail: [note, suppressed].filter(Boolean).join('; '), ...counts };
}
