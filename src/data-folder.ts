import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The git-ignored folder that holds everything a development run keeps between
 * starts: the embedded PostgreSQL cluster and the generated secrets.
 * `ALMA_DATA_DIR` moves it (tests use a folder of their own).
 */
export function dataFolder(): string {
  const folder = resolve(process.env.ALMA_DATA_DIR ?? join(__dirname, '..', '.data'));
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  return folder;
}
