import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.version-entries-per-tables-list');
/** Builds waiting in the queue are few; a list of more is worked out each time. */
const MOST_QUEUED_NAMES = 64;

interface VersionEntry {
  table_name: string;
  content_version: string;
  structure_version: string;
  [field: string]: unknown;
}

interface VersionEntries {
  versionEntries: VersionEntry[];
  byContent: Record<string, VersionEntry>;
  byStructure: Record<string, VersionEntry>;
  byTableName: Record<string, VersionEntry>;
}

interface PreAggregationDescription {
  preAggregationsSchema: string;
  external?: boolean;
}

interface LoadCacheInternals {
  getTablesQuery(preAggregation: PreAggregationDescription): Promise<unknown>;
  fetchQueryStageState(): Promise<[unknown, unknown, Record<string, { query: { newVersionEntry: unknown } }>]>;
  calculateVersionEntries(preAggregation: PreAggregationDescription): Promise<VersionEntries>;
}

interface PreAggregationsModule {
  tablesToVersionEntries(schema: string, tables: unknown): VersionEntry[];
  PreAggregations: { targetTableName(versionEntry: unknown): string };
}

/** Cube's calculateVersionEntries after its two reads: the rollup tables found, less those a queued build is writing, indexed three ways. */
function versionEntriesOf(module: PreAggregationsModule, preAggregation: PreAggregationDescription, tables: unknown, namesInQueue: string[] | undefined): VersionEntries {
  let versionEntries = module.tablesToVersionEntries(preAggregation.preAggregationsSchema, tables);
  if (namesInQueue) versionEntries = versionEntries.filter((e) => namesInQueue.indexOf(module.PreAggregations.targetTableName(e)) === -1);
  const byContent: Record<string, VersionEntry> = {};
  const byStructure: Record<string, VersionEntry> = {};
  const byTableName: Record<string, VersionEntry> = {};
  versionEntries.forEach((e) => {
    const contentKey = `${e.table_name}_${e.content_version}`;
    if (!byContent[contentKey]) byContent[contentKey] = e;
    const structureKey = `${e.table_name}_${e.structure_version}`;
    if (!byStructure[structureKey]) byStructure[structureKey] = e;
    if (!byTableName[e.table_name]) byTableName[e.table_name] = e;
  });
  return { versionEntries, byContent, byStructure, byTableName };
}

/**
 * Each answer read from a rollup opens a load cache of its own, which turns the
 * list of rollup tables (kept in Cube's cache driver, the same list object until
 * Cube fetches the tables again) into version entries: a regular expression and
 * a few strings per table, a sort, and three indexes. That work depends on
 * nothing but the list, the schema, whether the rollup is external, and the
 * tables that queued builds are writing. Here both reads are still made as Cube
 * makes them, at each answer, and the entries are kept per list object and the
 * rest: a list fetched again, or a build queued or finished, works them out
 * afresh, so a new rollup version is seen exactly when Cube would see it. The
 * entries are read, never changed, by the loader and the gateway.
 */
export function installVersionEntriesPerTablesList(): void {
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const orchestrator = '@cubejs-backend/query-orchestrator/dist/src/orchestrator';
  const preAggregations = fromServerCore(`${orchestrator}/PreAggregations.js`) as PreAggregationsModule;
  const { PreAggregationLoadCache } = fromServerCore(`${orchestrator}/PreAggregationLoadCache.js`) as
    { PreAggregationLoadCache: { prototype: LoadCacheInternals & { [INSTALLED]?: true } } };
  const prototype = PreAggregationLoadCache.prototype;
  if (prototype[INSTALLED]) return;
  if (typeof prototype.calculateVersionEntries !== 'function' || typeof preAggregations.tablesToVersionEntries !== 'function'
    || typeof preAggregations.PreAggregations?.targetTableName !== 'function') {
    throw new Error('Cube\'s PreAggregationLoadCache has no calculateVersionEntries: version entries cannot be kept per tables list');
  }
  const kept = new WeakMap<object, Map<string, VersionEntries>>();
  prototype.calculateVersionEntries = async function calculateVersionEntriesPerTablesList(this: LoadCacheInternals, preAggregation) {
    const tables = await this.getTablesQuery(preAggregation);
    let namesInQueue: string[] | undefined;
    // It presumes strong consistency guarantees for external pre-aggregation tables ingestion (Cube's words).
    if (!preAggregation.external) {
      const [, , queries] = await this.fetchQueryStageState();
      namesInQueue = Object.keys(queries).map((q) => preAggregations.PreAggregations.targetTableName(queries[q]!.query.newVersionEntry));
    }
    const keyable = typeof tables === 'object' && tables !== null && (namesInQueue?.length ?? 0) <= MOST_QUEUED_NAMES;
    if (!keyable) return versionEntriesOf(preAggregations, preAggregation, tables, namesInQueue);
    const key = JSON.stringify([preAggregation.preAggregationsSchema, !!preAggregation.external, namesInQueue ?? null]);
    let byRest = kept.get(tables);
    if (!byRest) {
      byRest = new Map();
      kept.set(tables, byRest);
    }
    let entries = byRest.get(key);
    if (!entries) {
      entries = versionEntriesOf(preAggregations, preAggregation, tables, namesInQueue);
      // A list object lives until Cube fetches the tables again; the keys under it are few.
      if (byRest.size >= 16) byRest.clear();
      byRest.set(key, entries);
    }
    return entries;
  };
  prototype[INSTALLED] = true;
}
