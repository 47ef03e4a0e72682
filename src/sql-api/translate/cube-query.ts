/** A Cube filter: a member condition, or and/or of filters. */
export type CubeFilter =
  | { member: string; operator: string; values?: string[] }
  | { and: CubeFilter[] }
  | { or: CubeFilter[] };

/** The Cube REST query the SQL API sends through the load path. */
export interface CubeQuery {
  measures: string[];
  dimensions: string[];
  timeDimensions: { dimension: string; granularity: string }[];
  filters: CubeFilter[];
  order: [string, 'asc' | 'desc'][];
  limit?: number;
  offset?: number;
}
