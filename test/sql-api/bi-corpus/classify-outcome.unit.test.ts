import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './classify-outcome';
import { UNORDERED } from './corpus-statement';
import type { Expectation } from './group-expectations';
import type { Outcome } from './run-statement';

const reference = { columns: ['g', 'n', '__people'], rows: [['a', '3', '3'], ['b', '20', '20']] };
const rows = (values: (string | null)[][]): Outcome => ({ kind: 'rows', result: { columns: ['g', 'n'], rows: values } });
const error = (code: string): Outcome => ({ kind: 'error', code, message: 'refused' });
const answer: Expectation = { kind: 'answer', selectsAmongGroups: false };
const refusal: Expectation = { kind: 'refusal', because: 'names a hidden member', selectsAmongGroups: false };
const either: Expectation = { kind: 'answer-or-refusal', because: 'a time literal to the hour', selectsAmongGroups: false };

describe('judging one run of a corpus statement', () => {
  it('calls the reference\'s answer correct, and any other answer wrong', () => {
    expect(classifyOutcome(UNORDERED, answer, rows([['a', '3'], ['b', '20']]), reference, 0).classification).toBe('correct');
    expect(classifyOutcome(UNORDERED, answer, rows([['a', '3'], ['b', '21']]), reference, 0).classification).toBe('wrong');
  });

  it('calls a small row shown in full wrong under a minimum cell size, and its suppression correct', () => {
    expect(classifyOutcome(UNORDERED, answer, rows([['a', '3'], ['b', '20']]), reference, 5).classification).toBe('wrong');
    expect(classifyOutcome(UNORDERED, answer, rows([['b', '20']]), reference, 5).classification).toBe('correct');
  });

  it('tells 0A000 from other refusals where an answer was due', () => {
    expect(classifyOutcome(UNORDERED, answer, error('0A000'), reference, 0).classification).toBe('refused-0A000');
    expect(classifyOutcome(UNORDERED, answer, error('42803'), reference, 0).classification).toBe('other-error');
  });

  it('calls a due refusal correct only when it gives a reason, and an answer in its place wrong', () => {
    expect(classifyOutcome(UNORDERED, refusal, error('42703'), reference, 0).classification).toBe('correct');
    expect(classifyOutcome(UNORDERED, refusal, error('XX000'), reference, 0).classification).toBe('other-error');
    expect(classifyOutcome(UNORDERED, refusal, rows([['a', '3'], ['b', '20']]), reference, 0).classification).toBe('wrong');
  });

  it('takes either a reasoned refusal or the exact answer where both are allowed', () => {
    expect(classifyOutcome(UNORDERED, either, error('0A000'), reference, 0).classification).toBe('correct');
    expect(classifyOutcome(UNORDERED, either, rows([['a', '3'], ['b', '20']]), reference, 0).classification).toBe('correct');
    expect(classifyOutcome(UNORDERED, either, rows([['a', '4'], ['b', '20']]), reference, 0).classification).toBe('wrong');
  });
});
