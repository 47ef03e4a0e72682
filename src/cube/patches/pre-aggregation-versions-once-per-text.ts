import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.pre-aggregation-versions-once-per-text');
/** The rollups' structure and content versions in use; the oldest goes first. */
const MOST_TEXTS = 500;
/** Longer texts are worked out every time: a memo of them would hold more memory than the work costs. */
const LONGEST_TEXT = 64 * 1024;

interface PreAggregationDescription {
  structureVersionLoadSql?: unknown;
  loadSql?: unknown;
  indexesSql?: unknown[];
  streamOffset?: unknown;
  outputColumnTypes?: unknown;
}

interface PreAggregationsModule {
  version(cacheKey: unknown): string;
  getStructureVersion(preAggregation: PreAggregationDescription): string;
  [INSTALLED]?: true;
}

/** `version` kept per JSON text of its key: the version is a function of that text alone (its MD5). */
export function versionPerText(version: (cacheKey: unknown) => string, most = MOST_TEXTS): (cacheKey: unknown) => string {
  const versions = new Map<string, string>();
  return (cacheKey) => {
    const text = JSON.stringify(cacheKey) as string | undefined;
    if (typeof text !== 'string' || text.length > LONGEST_TEXT) return version(cacheKey);
    let kept = versions.get(text);
    if (kept === undefined) {
      kept = version(cacheKey);
      if (versions.size >= most) versions.delete(versions.keys().next().value as string);
      versions.set(text, kept);
    }
    return kept;
  };
}

/**
 * Each answer read from a rollup works out the rollup's structure version
 * (twice) and its content version (once): the MD5 of the JSON text of its
 * load SQL, indexes and columns (and, for the content, the refresh keys'
 * values), turned into a base-32 name bit by bit. The texts are the same from
 * one answer to the next until the model or a refresh key changes, so the
 * version is kept per exact text: the text is still made at each call, a moved
 * refresh key makes a new text and so a new version at once, as in Cube.
 * getStructureVersion builds its key as Cube 1.7.43 builds it
 * (test/cube-contract/orchestrator-patches.unit.test.ts holds Cube's text).
 */
export function installPreAggregationVersionsOncePerText(): void {
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const preAggregations = fromServerCore('@cubejs-backend/query-orchestrator/dist/src/orchestrator/PreAggregations.js') as PreAggregationsModule;
  if (preAggregations[INSTALLED]) return;
  const { version, getStructureVersion } = preAggregations;
  if (typeof version !== 'function' || typeof getStructureVersion !== 'function') {
    throw new Error('Cube\'s PreAggregations has no version or getStructureVersion: rollup versions cannot be kept per text');
  }
  const versionOncePerText = versionPerText(version);
  preAggregations.version = versionOncePerText;
  preAggregations.getStructureVersion = function getStructureVersionOncePerText(preAggregation: PreAggregationDescription): string {
    const versionArray: unknown[] = [preAggregation.structureVersionLoadSql || preAggregation.loadSql];
    if (preAggregation.indexesSql?.length) versionArray.push(preAggregation.indexesSql);
    if (preAggregation.streamOffset) versionArray.push(preAggregation.streamOffset);
    if (preAggregation.outputColumnTypes) versionArray.push(preAggregation.outputColumnTypes);
    return versionOncePerText(versionArray.length === 1 ? versionArray[0] : versionArray);
  };
  preAggregations[INSTALLED] = true;
}
