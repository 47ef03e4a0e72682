import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let known: string | undefined;

/**
 * PostgreSQL's version as the catalogs report it (`SHOW server_version`, e.g. "18.6"), read
 * from the version string compiled into PGlite's WebAssembly, so that telling it to a
 * connecting client does not start a catalog: a PGlite holds about 300 MiB once started,
 * more while it first runs initdb, and a server whose clients never ask the catalog needs none.
 */
export function pgliteServerVersion(): string {
  if (known) return known;
  const wasm = join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
  const found = /PostgreSQL (\d+\.\d+) \(PGlite /.exec(readFileSync(wasm, 'latin1'));
  if (!found) throw new Error(`${wasm} names no PostgreSQL version: is @electric-sql/pglite installed whole?`);
  known = found[1]!;
  return known;
}
