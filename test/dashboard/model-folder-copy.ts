import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A copy of model/ at the repository root (depth 1, so the model files'
 * `require('../src/...')` still resolves), ignored by git through its own
 * .gitignore. `name` is what CUBEJS_SCHEMA_PATH takes.
 */
export function copyModelFolder(): { name: string; path: string; write(file: string, text: string): void; remove(): void } {
  const name = `.model-test-${randomBytes(4).toString('hex')}`;
  const path = join(ROOT, name);
  cpSync(join(ROOT, 'model'), path, { recursive: true });
  writeFileSync(join(path, '.gitignore'), '*\n');
  return {
    name,
    path,
    write: (file, text) => writeFileSync(join(path, file), text),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
