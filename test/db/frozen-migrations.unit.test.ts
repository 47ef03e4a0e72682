import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = join(__dirname, '..', '..', 'migrations');

// A migration is history: what it creates must not change when the field list, the
// privacy config or the code under src/ changes, so it imports nothing but knex's types.
describe('migrations', () => {
  it.each(readdirSync(FOLDER).filter((file) => file.endsWith('.ts')))('%s imports nothing of the project', (file) => {
    const imports = [...readFileSync(join(FOLDER, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm)]
      .map((match) => match[1] ?? match[2]);
    expect(imports.filter((source) => source !== 'knex')).toEqual([]);
  });
});
