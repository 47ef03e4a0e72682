import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Classification, Judgement } from './classify-outcome';
import { TOOLS, type CorpusStatement, type Tool } from './corpus-statement';

export interface JudgedRun {
  readonly statement: CorpusStatement;
  readonly group: string;
  readonly judgement: Judgement;
}

export interface ToolFigures {
  /** A tool, 'all', or 'all as <group>'. */
  readonly tool: Tool | 'all' | `all as ${string}`;
  readonly runs: number;
  readonly correct: number;
  readonly wrong: number;
  readonly refused0A000: number;
  readonly otherError: number;
  /** Correct runs as a percentage of all runs. */
  readonly percentCorrect: number;
}

function figuresOf(tool: ToolFigures['tool'], runs: readonly JudgedRun[]): ToolFigures {
  const count = (classification: Classification) => runs.filter((run) => run.judgement.classification === classification).length;
  const correct = count('correct');
  return {
    tool, runs: runs.length, correct, wrong: count('wrong'), refused0A000: count('refused-0A000'), otherError: count('other-error'),
    percentCorrect: runs.length === 0 ? 0 : Math.round((1000 * correct) / runs.length) / 10,
  };
}

/** Figures per tool, then for the whole corpus, then for the whole corpus as each group. */
export function figuresByTool(runs: readonly JudgedRun[]): ToolFigures[] {
  const groups = [...new Set(runs.map((run) => run.group))];
  return [
    ...TOOLS.map((tool) => figuresOf(tool, runs.filter((run) => run.statement.tool === tool))),
    figuresOf('all', runs),
    ...groups.map((group) => figuresOf(`all as ${group}`, runs.filter((run) => run.group === group))),
  ];
}

/** The per-tool table, as printed by the runner and pasted into docs/SQL-API.md. */
export function figuresTable(figures: readonly ToolFigures[]): string {
  const lines = [
    '| tool | runs | correct | wrong | refused (0A000) | other error | % correct |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...figures.map((f) => `| ${f.tool} | ${f.runs} | ${f.correct} | ${f.wrong} | ${f.refused0A000} | ${f.otherError} | ${f.percentCorrect} |`),
  ];
  return lines.join('\n');
}

/** Everything the run found, statement by statement, for whoever works on the planner next. */
export function writeCorpusArtifact(path: string, runs: readonly JudgedRun[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({
    figures: figuresByTool(runs),
    runs: runs.map(({ statement, group, judgement }) => ({
      tool: statement.tool, shape: statement.shape, group, protocol: statement.protocol, sql: statement.sql,
      classification: judgement.classification, detail: judgement.detail.slice(0, 500),
      suppressedCells: judgement.suppressedCells, smallRowsShown: judgement.smallRowsShown,
    })),
  }, null, 2)}\n`);
}
