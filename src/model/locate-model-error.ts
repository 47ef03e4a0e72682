import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelError } from './compile-model';

/** Names an error message points at: `measures.count.sql` -> count, "'avg_age'" -> avg_age. */
function namesIn(message: string): string[] {
  const paths = [...message.matchAll(/\b(?:dimensions|measures|segments|pre_?[aA]ggregations|joins)\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
  const quoted = [...message.matchAll(/['"`]([A-Za-z_][A-Za-z0-9_.]*)['"`]/g)].map((match) => match[1]!.split('.').pop()!);
  return [...paths, ...quoted];
}

/**
 * The line of a model file an error is about. Cube gives lines for syntax errors
 * only; for schema errors we find the first line that defines the member the
 * message names, and fall back to line 1.
 */
export function lineOfModelError(error: ModelError, modelFolder: string): number {
  if (error.lineNumber) return error.lineNumber;
  const frame = /^>\s*(\d+)\s*\|/m.exec(error.message);
  if (frame) return Number(frame[1]);
  if (!error.fileName) return 1;
  let lines: string[];
  try {
    lines = readFileSync(join(modelFolder, error.fileName), 'utf8').split('\n');
  } catch {
    return 1;
  }
  for (const name of namesIn(error.message)) {
    const definition = lines.findIndex((line) => new RegExp(`^\\s*['"]?${name}['"]?\\s*:`).test(line));
    if (definition >= 0) return definition + 1;
    const mention = lines.findIndex((line) => new RegExp(`\\b${name}\\b`).test(line));
    if (mention >= 0) return mention + 1;
  }
  return 1;
}
