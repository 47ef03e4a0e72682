/**
 * Transform data and result data shaped as the gateway builds them
 * (`prepareResultTransformData`), for queries over the users cube.
 */
import type { QueryType, ResultFormat, TimeDimension } from '../../src/native/result-shaping/transform-request';

export const ANNOTATION_ITEMS = {
  'users.count': { title: 'Users Count', shortTitle: 'Count', type: 'number', drillMembers: [], drillMembersGrouped: { measures: [], dimensions: [] } },
  'users.user_group': { title: 'Users User Group', shortTitle: 'User Group', type: 'string' },
  'users.creation_date': { title: 'Users Creation Date', shortTitle: 'Creation Date', type: 'time' },
} as const;

export interface UserQuery {
  measures?: string[];
  dimensions?: string[];
  timeDimensions?: TimeDimension[];
  responseFormat?: ResultFormat;
  total?: boolean;
}

/** The alias Cube's SQL gives a member: `users.creation_date.day` -> `users__creation_date_day`. */
export function aliasOf(member: string): string {
  const [cube, ...rest] = member.split('.');
  return `${cube}__${rest.join('_')}`;
}

function annotationItem(member: string) {
  const base = member.split('.').slice(0, 2).join('.') as keyof typeof ANNOTATION_ITEMS;
  return ANNOTATION_ITEMS[base];
}

/** The gateway's annotation: measures, dimensions, segments and time dimensions (with and without granularity). */
export function annotationFor(query: UserQuery, hidden: string[] = []) {
  const visible = (member: string) => !hidden.includes(member.split('.').slice(0, 2).join('.'));
  const entries = (members: string[]) => Object.fromEntries(members.filter(visible).map((m) => [m, annotationItem(m)]));
  const timeDimensions: Record<string, unknown> = {};
  for (const td of query.timeDimensions ?? []) {
    if (!td.granularity || !visible(td.dimension)) continue;
    timeDimensions[`${td.dimension}.${td.granularity}`] = {
      ...annotationItem(td.dimension),
      granularity: { name: td.granularity, title: td.granularity, interval: `1 ${td.granularity}` },
    };
    if (!(query.dimensions ?? []).includes(td.dimension)) timeDimensions[td.dimension] = annotationItem(td.dimension);
  }
  return { measures: entries(query.measures ?? []), dimensions: entries(query.dimensions ?? []), segments: {}, timeDimensions };
}

export function transformDataFor(query: UserQuery, queryType: QueryType = 'regularQuery', hidden: string[] = []) {
  const members = [
    ...(query.measures ?? []), ...(query.dimensions ?? []),
    ...(query.timeDimensions ?? []).filter((td) => td.granularity).map((td) => `${td.dimension}.${td.granularity}`),
  ];
  const annotation = annotationFor(query, hidden);
  return {
    aliasToMemberNameMap: Object.fromEntries(members.map((m) => [aliasOf(m), m])),
    annotation: { ...annotation.measures, ...annotation.dimensions, ...annotation.timeDimensions },
    query: { ...query, timezone: 'UTC', order: [], filters: [], rowLimit: 10000 },
    queryType,
    resType: query.responseFormat ?? 'default',
  };
}

export function resultDataFor(query: UserQuery, extra: Record<string, unknown> = {}, hidden: string[] = []) {
  return {
    query: { ...query, timezone: 'UTC', order: [], filters: [], rowLimit: 10000 },
    lastRefreshTime: '2026-11-24T10:00:00.000Z',
    usedPreAggregations: undefined,
    annotation: annotationFor(query, hidden),
    dataSource: 'default',
    dbType: 'postgres',
    extDbType: undefined,
    external: false,
    slowQuery: false,
    total: null,
    ...extra,
  };
}

export function parseJsonBytes(bytes: ArrayBuffer): any {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}
