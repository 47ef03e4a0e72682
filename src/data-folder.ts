import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// This file runs from src/ (TypeScript) or from dist/server/src/ (compiled by npm run build): the same .data either way.
const REPOSITORY = __filename.endsWith('.js') ? join(__dirname, '..', '..', '..') : join(__dirname, '..');

/**
 * The git-ignored folder that holds everything a development run keeps between
 * starts: the embedded PostgreSQL cluster and the generated secrets.
 * `ALMA_DATA_DIR` moves it (tests use a folder of their own).
 */
export function dataFolder(): string {
  const folder = resolve(process.env.ALMA_DATA_DIR ?? join(REPOSITORY, '.data'));
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  return folder;
}
