/**
 * `cube.dim.granularity` members and the bare `cube.dim` key Cube adds beside them.
 *
 * Old clients read a time dimension by its bare name, so Cube copies the value
 * of one granularity column to `cube.dim` whenever the query does not also ask
 * for `cube.dim` as a plain dimension. With several granularities of the same
 * dimension, the finest one wins (ties go to the later column).
 */
import type { NormalizedQuery } from './transform-request';

const GRANULARITY_LEVELS: Record<string, number> = {
  second: 1, minute: 2, hour: 3, day: 4, week: 5, month: 6, quarter: 7, year: 8,
};
/** Custom granularities rank after every predefined one. */
const CUSTOM_GRANULARITY_LEVEL = 10;

export interface GranularityMember {
  baseMember: string;
  level: number;
}

/** For a `cube.dim.granularity` member not also requested bare, its base key and level. */
export function granularityMemberOf(member: string, query: NormalizedQuery): GranularityMember | undefined {
  const parts = member.split('.');
  if (parts.length !== 3) return undefined;
  const baseMember = `${parts[0]}.${parts[1]}`;
  const requestedBare = (query.dimensions ?? []).some((dimension) => typeof dimension === 'string' && dimension === baseMember);
  if (requestedBare) return undefined;
  return { baseMember, level: GRANULARITY_LEVELS[parts[2] as string] ?? CUSTOM_GRANULARITY_LEVEL };
}

/**
 * For each base key, the member whose value it copies: the finest granularity,
 * the later one on a tie. Keys come out in the order their first column appears.
 */
export function baseMemberSources(members: readonly string[], query: NormalizedQuery): Map<string, string> {
  const best = new Map<string, { level: number; source: string }>();
  for (const member of members) {
    const granularity = granularityMemberOf(member, query);
    if (!granularity) continue;
    const current = best.get(granularity.baseMember);
    if (current && current.level < granularity.level) continue;
    best.set(granularity.baseMember, { level: granularity.level, source: member });
  }
  return new Map([...best].map(([baseMember, { source }]) => [baseMember, source]));
}
