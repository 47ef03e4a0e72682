import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PostgresQuery, prepareCompiler } from '@cubejs-backend/schema-compiler';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installBitOrRollupMeasures } from '../../src/cube/patches/bit-or-rollup-measures';
import { MERGES_WITH_BIT_OR } from '../../src/disclosure/disclosure-measures';

// What the bit_or rollup patch (src/cube/patches/bit-or-rollup-measures.ts) relies on in Cube 1.7.43:
// rollups answer coarser questions only for measures BaseMeasure#isAdditive admits, a `number`
// measure computed from additive measures is recomputed from their rollup columns (leaf-measure
// matching), and those columns are re-aggregated by BaseQuery#aggregateOnGroupedColumn. Checked in
// the installed source, then on a one-cube fixture model compiled by Cube's own schema compiler
// (an integration test only because loading the compiler needs tsx's loader for src/native; it uses no server).
const require = createRequire(__filename);
const adapter = (file: string) => readFileSync(require.resolve(`@cubejs-backend/schema-compiler/dist/src/adapter/${file}`), 'utf8');

// The JavaScript planner, as the server runs it (src/cube/cube-environment.ts).
vi.stubEnv('CUBEJS_TESSERACT_SQL_PLANNER', 'false');
afterAll(() => vi.unstubAllEnvs());

const FIXTURE = `
cube('t', {
  sql: 'SELECT 1 AS g, 2 AS h, 3 AS u',
  pre_aggregations: { by_g_h: { measures: [CUBE.n, CUBE.sketch], dimensions: [CUBE.g, CUBE.h] } },
  measures: {
    n: { type: 'count' },
    sketch: { sql: \`bit_or(set_bit(repeat('0', 8)::bit(8), \${CUBE}.u, 1))\`, type: 'number', meta: ${JSON.stringify(MERGES_WITH_BIT_OR)} },
    people: { sql: \`bit_count(\${CUBE.sketch})\`, type: 'number' },
  },
  dimensions: { g: { sql: 'g', type: 'number', primary_key: true }, h: { sql: 'h', type: 'number' } },
});`;

/** The SQL Cube writes for the people count by g alone (the rollup is by g and h), and the rollup's own. */
async function coarseQuestion(): Promise<{ sql: string; rollupSql: string | undefined }> {
  const repository = { localPath: () => __dirname, dataSchemaFiles: async () => [{ fileName: 't.js', content: FIXTURE }] };
  const { compiler, cubeEvaluator, joinGraph } = prepareCompiler(repository as never, {});
  await compiler.compile();
  const query = new PostgresQuery({ compiler, cubeEvaluator, joinGraph } as never, { measures: ['t.people', 't.n'], dimensions: ['t.g'] });
  const [sql] = query.buildSqlAndParams() as [string, unknown[]];
  const [description] = query.preAggregations!.preAggregationsDescription() as { loadSql?: [string, unknown[]] }[];
  return { sql, rollupSql: description?.loadSql?.[0] };
}

describe("Cube's rollup matching, as the bit_or rollup patch uses it", () => {
  it('is release 1.7.43', () => {
    expect(require('@cubejs-backend/schema-compiler/package.json').version).toBe('1.7.43');
  });

  it('re-aggregates only additive measure types, through the methods the patch wraps', () => {
    expect(adapter('BaseMeasure.js')).toContain("return definition.type === 'sum' || definition.type === 'count' || definition.type === 'countDistinctApprox' ||");
    expect(adapter('BaseQuery.js')).toMatch(/\n {4}aggregateOnGroupedColumn\(symbol, evaluateSql, topLevelMerge, measurePath\) \{/);
    const preAggregations = adapter('PreAggregations.js');
    expect(preAggregations).toContain('const leafMeasureAdditive = ramda_1.default.all(m => m.isAdditive(), leafMeasures);');
    expect(preAggregations).toContain('if (preAggregationForQuery.leafMeasureMatch && !measure.isAdditive()) {');
    expect(preAggregations).toContain('this.query.aggregateOnGroupedColumn(measure.measureDefinition(), measure.aliasName(),');
  });

  it('without the patch, answers a coarser question from the table', async () => {
    const { sql } = await coarseQuestion();
    expect(sql).not.toContain('t_by_g_h');
    expect(sql).toContain("bit_count(bit_or(set_bit(repeat('0', 8)::bit(8), \"t\".u, 1)))");
  });

  it('with it, merges the bitmaps of the finer rollup with bit_or and counts after merging', async () => {
    installBitOrRollupMeasures();
    const { sql, rollupSql } = await coarseQuestion();
    expect(sql).toMatch(/FROM \S+\.t_by_g_h /);
    expect(sql).toContain('bit_count(bit_or("t__sketch")) "t__people"');
    expect(sql).toContain('sum("t__n") "t__n"');
    expect(sql).toContain('GROUP BY 1');
    // Each rollup row holds the bitmap of its own rows.
    expect(rollupSql).toContain("bit_or(set_bit(repeat('0', 8)::bit(8), \"t\".u, 1)) \"t__sketch\"");
  });
});
