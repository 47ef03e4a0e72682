import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSavedFreshCluster, saveFreshCluster } from '../../src/sql-api/catalog/saved-fresh-cluster';

// The fresh PGlite cluster is kept in the data folder so a restarted server's first catalog skips initdb.
describe('the saved fresh cluster', () => {
  let folder: string;
  const previous = process.env.ALMA_DATA_DIR;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'alma-cluster-'));
    process.env.ALMA_DATA_DIR = folder;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.ALMA_DATA_DIR;
    else process.env.ALMA_DATA_DIR = previous;
    rmSync(folder, { recursive: true, force: true });
  });

  it('is none before one was saved, then the bytes saved, in one file named by the PGlite version and nothing partial', () => {
    expect(readSavedFreshCluster()).toBeUndefined();
    const cluster = new Uint8Array([31, 139, 8, 0, 1, 2, 3]);
    saveFreshCluster(cluster);
    expect(readSavedFreshCluster()).toEqual(cluster);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^pglite-fresh-cluster-\d+\.\d+\.\d+\.tar\.gz$/)]);
  });
});
