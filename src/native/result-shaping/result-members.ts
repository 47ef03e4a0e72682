/**
 * The members a shaped result carries, in order, and the column each reads.
 *
 * Database columns come first, in database order; then the bare `cube.dim`
 * keys beside granularity columns; then `compareDateRange` or the blending
 * `time.<granularity>` key. Every column must map to a member the caller may
 * see, or the whole result is refused.
 */
import { blendingQueryKey } from './blending-keys';
import { COMPARE_DATE_RANGE_MEMBER } from './compare-date-range';
import { baseMemberSources } from './granularity-member';
import { assertMemberVisible, assertRequestedMembersVisible } from './hidden-member-error';
import type { JsRawColumnarData } from './raw-columnar-data';
import type { TransformRequest } from './transform-request';

export interface ResultMembers {
  /** Output member names, in output order. */
  members: string[];
  /** Output member name to database column alias (absent for `compareDateRange`). */
  aliasOf: Map<string, string>;
  /** The member of each database column, in database order. */
  columnMembers: string[];
  /** Each bare `cube.dim` key and the granularity member whose value it copies (see baseMemberSources). */
  baseSources: Map<string, string>;
}

/** Maps every database column to its member name, refusing unknown and hidden ones. */
export function memberNamesOfColumns(request: TransformRequest, raw: JsRawColumnarData): string[] {
  return raw.members.map((alias) => {
    if (!Object.hasOwn(request.aliasToMemberNameMap, alias)) {
      throw new Error(`Member name not found for alias: '${alias}'`);
    }
    const member = request.aliasToMemberNameMap[alias] as string;
    assertMemberVisible(member, request.annotation);
    return member;
  });
}

export function resultMembers(request: TransformRequest, raw: JsRawColumnarData): ResultMembers {
  const { query, queryType } = request;
  if (raw.members.length === 0) {
    assertRequestedMembersVisible(query, request.annotation);
    return { members: [], aliasOf: new Map(), columnMembers: [], baseSources: new Map() };
  }
  const columnMembers = memberNamesOfColumns(request, raw);
  const aliasOf = new Map(columnMembers.map((member, index) => [member, raw.members[index] as string]));
  const members = [...columnMembers];
  const baseSources = baseMemberSources(columnMembers, query);
  for (const [baseMember, source] of baseSources) {
    if (!aliasOf.has(baseMember)) members.push(baseMember);
    aliasOf.set(baseMember, aliasOf.get(source) as string);
  }
  if (queryType === 'compareDateRangeQuery') {
    members.push(COMPARE_DATE_RANGE_MEMBER);
  } else if (queryType === 'blendingQuery') {
    let key: string;
    try {
      key = blendingQueryKey(query.timeDimensions);
    } catch {
      throw new Error('Failed to generate blending query key');
    }
    const baseAlias = aliasOf.get(query.timeDimensions?.[0]?.dimension ?? '');
    if (baseAlias === undefined) {
      throw new Error(`Blending query result has no column for ${String(query.timeDimensions?.[0]?.dimension)}`);
    }
    aliasOf.set(key, baseAlias);
    members.push(key);
  }
  return { members, aliasOf, columnMembers, baseSources };
}
