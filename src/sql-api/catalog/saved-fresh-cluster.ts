import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolder } from '../../data-folder';

/** The installed PGlite's own version: a cluster made by another version is not loaded. */
function pgliteVersion(): string {
  const manifest = join(require.resolve('@electric-sql/pglite'), '..', '..', 'package.json');
  return String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown');
}

function clusterFile(): string {
  return join(dataFolder(), `pglite-fresh-cluster-${pgliteVersion()}.tar.gz`);
}

/**
 * The fresh PGlite cluster (initdb's output, gzipped tar, no table of anyone's) kept in the
 * data folder, so a restarted server's first catalog loads it (about 120 MiB, 2-5 s) instead
 * of running initdb (about 450 MiB more for a few seconds, 10-15 s under load). Undefined
 * when there is none yet or it cannot be read.
 */
export function readSavedFreshCluster(): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(clusterFile()));
  } catch {
    return undefined;
  }
}

/** Whether the data folder holds a fresh cluster of this PGlite version. */
export function hasSavedFreshCluster(): boolean {
  return existsSync(clusterFile());
}

/** Keeps a fresh cluster for the next start: written whole under another name, then renamed, so a crash never leaves half a file. */
export function saveFreshCluster(cluster: Uint8Array): void {
  const file = clusterFile();
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, cluster, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A read-only data folder only costs the next start an initdb.
  }
}
