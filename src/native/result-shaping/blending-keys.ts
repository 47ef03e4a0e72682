/**
 * Keys of a data blending query's rows.
 *
 * Each query of a blending request keeps its own `cube.dim.granularity` key and
 * also gets `time.granularity`, the shared axis the client pivots on.
 */
import type { TimeDimension } from './transform-request';

function firstGranularTimeDimension(timeDimensions: readonly TimeDimension[] | null | undefined) {
  const first = timeDimensions?.[0];
  if (!first) throw new Error('QueryTimeDimension should be specified for the blending query.');
  if (first.granularity == null) {
    throw new Error(
      `Inconsistent QueryTimeDimension configuration for the blending query, granularity required: ${first.dimension}`,
    );
  }
  return { dimension: first.dimension, granularity: first.granularity };
}

/** `time.<granularity>`: the shared key added to every row. */
export function blendingQueryKey(timeDimensions: readonly TimeDimension[] | null | undefined): string {
  return `time.${firstGranularTimeDimension(timeDimensions).granularity}`;
}

/** `cube.dim.<granularity>`: the row key whose value the shared key copies. */
export function blendingResponseKey(timeDimensions: readonly TimeDimension[] | null | undefined): string {
  const { dimension, granularity } = firstGranularTimeDimension(timeDimensions);
  return `${dimension}.${granularity}`;
}
