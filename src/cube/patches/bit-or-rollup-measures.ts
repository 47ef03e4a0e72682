import { BaseMeasure, BaseQuery } from '@cubejs-backend/schema-compiler';
import { MERGES_WITH_BIT_OR } from '../../disclosure/disclosure-measures';

/** What the patch reads of a measure's definition. */
interface MeasureDefinition {
  readonly type?: string;
  readonly multiStage?: boolean;
  readonly meta?: Record<string, unknown>;
}

/** The parts of Cube 1.7.43's BaseMeasure the patch wraps. */
export interface BaseMeasureInternals {
  readonly expression?: unknown;
  measureDefinition(): MeasureDefinition;
  isAdditive(): boolean;
}

/** The part of Cube 1.7.43's BaseQuery the patch wraps. */
export interface BaseQueryInternals {
  aggregateOnGroupedColumn(symbol: MeasureDefinition, evaluateSql: string, topLevelMerge: boolean, measurePath: string): string | undefined;
}

/** A `number` measure the model marks with MERGES_WITH_BIT_OR (and nothing Cube adds on top). */
function mergesWithBitOr(definition: MeasureDefinition | undefined): boolean {
  return definition?.type === 'number' && !definition.multiStage
    && definition.meta?.rollup_merge === MERGES_WITH_BIT_OR.rollup_merge;
}

const installed = new WeakSet<object>();

/**
 * Cube re-aggregates rollup rows only for its additive measure types (sum,
 * count, min, max, count_distinct_approx); a measure of any other type is
 * answered from a rollup only at exactly its grain. A bitmap OR-ed over rows
 * (the people of a cell, src/disclosure/disclosure-measures.ts) merges too:
 * the OR of the rollup rows of a cell is the bitmap of its rows. So a
 * `number` measure marked MERGES_WITH_BIT_OR counts as additive, and its rollup
 * column is merged with bit_or. A `number` measure computed from such
 * measures (the people count) is then recomputed from the merged columns,
 * through Cube's own leaf-measure matching.
 */
export function installBitOrRollupMeasures(
  measure: BaseMeasureInternals = BaseMeasure.prototype as unknown as BaseMeasureInternals,
  query: BaseQueryInternals = BaseQuery.prototype as unknown as BaseQueryInternals,
): void {
  if (installed.has(measure)) return;
  installed.add(measure);
  const isAdditive = measure.isAdditive;
  measure.isAdditive = function (this: BaseMeasureInternals) {
    // A member expression (an ad hoc measure) has no definition of its own.
    if (!this.expression && mergesWithBitOr(this.measureDefinition())) return true;
    return isAdditive.call(this);
  };
  const aggregateOnGroupedColumn = query.aggregateOnGroupedColumn;
  query.aggregateOnGroupedColumn = function (this: BaseQueryInternals, symbol, evaluateSql, topLevelMerge, measurePath) {
    if (mergesWithBitOr(symbol)) return `bit_or(${evaluateSql})`;
    return aggregateOnGroupedColumn.call(this, symbol, evaluateSql, topLevelMerge, measurePath);
  };
}
