/** A Cube filter: a member condition, or and/or of filters. */
export type CubeFilter =
  | { member: string; operator: string; values?: string[] }
  | { and: CubeFilter[] }
  | { or: CubeFilter[] };

/**
 * The Cube query the SQL API sends through the load path. Measures, dimensions and
 * segments are member names, or member expressions (JSON, Cube's SQL API format).
 */
export interface CubeQuery {
  measures: string[];
  dimensions: string[];
  segments: string[];
  timeDimensions: { dimension: string; granularity: string }[];
  filters: CubeFilter[];
  order: [string, 'asc' | 'desc'][];
  limit?: number;
  offset?: number;
  ungrouped?: boolean;
  /** The values of the member expressions' `$n$` parameters, bound by Cube (taken by the privacy boundary, expression-params.ts). */
  expressionParams?: (string | null)[];
}
