/**
 * What the gateway hands over for shaping one query result
 * (`prepareResultTransformData` in @cubejs-backend/api-gateway).
 */
export type QueryType = 'regularQuery' | 'compareDateRangeQuery' | 'blendingQuery';
export type ResultFormat = 'default' | 'compact' | 'columnar';

export interface TimeDimension {
  dimension: string;
  dateRange?: unknown;
  compareDateRange?: unknown;
  granularity?: string | null;
}

/** A member as the query names it: a path, or a member expression object with a `name`. */
export type QueryMember = string | { name: string; [key: string]: unknown };

export interface NormalizedQuery {
  measures?: QueryMember[] | null;
  dimensions?: QueryMember[] | null;
  timeDimensions?: TimeDimension[] | null;
  [key: string]: unknown;
}

export interface AnnotationItem {
  type?: string | null;
  [key: string]: unknown;
}

export interface TransformRequest {
  aliasToMemberNameMap: Record<string, string>;
  annotation: Record<string, AnnotationItem>;
  query: NormalizedQuery;
  queryType: QueryType;
  resType: ResultFormat;
}

const QUERY_TYPES: readonly string[] = ['regularQuery', 'compareDateRangeQuery', 'blendingQuery'];
const RESULT_FORMATS: readonly string[] = ['default', 'compact', 'columnar'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the gateway's transform data, with an error naming the field that is wrong. */
export function readTransformRequest(input: unknown): TransformRequest {
  if (!isRecord(input)) throw new Error('Result shaping needs the transform data object, got ' + typeof input);
  const { aliasToMemberNameMap, annotation, query, queryType, resType } = input;
  if (!isRecord(aliasToMemberNameMap)) throw new Error('Transform data: aliasToMemberNameMap must be an object');
  if (!isRecord(annotation)) throw new Error('Transform data: annotation must be an object');
  if (!isRecord(query)) throw new Error('Transform data: query must be an object');
  if (queryType != null && !QUERY_TYPES.includes(String(queryType))) {
    throw new Error(`Transform data: unknown queryType '${String(queryType)}'`);
  }
  if (resType != null && !RESULT_FORMATS.includes(String(resType))) {
    throw new Error(`Transform data: unknown resType '${String(resType)}'`);
  }
  return {
    aliasToMemberNameMap: aliasToMemberNameMap as Record<string, string>,
    annotation: annotation as Record<string, AnnotationItem>,
    query: query as NormalizedQuery,
    queryType: (queryType ?? 'regularQuery') as QueryType,
    resType: (resType ?? 'default') as ResultFormat,
  };
}

/** The name a query member goes by in annotations and results. */
export function memberNameOf(member: QueryMember): string {
  return typeof member === 'string' ? member : member.name;
}
