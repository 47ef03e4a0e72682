/** Cube's rows keyed by member name (`users.count`, `users.creation_date.month`). */
export type MemberRow = Record<string, unknown>;

interface ResultLike {
  getRawData?(): unknown[];
  getTransformData?(): unknown[];
}

interface TransformData {
  aliasToMemberNameMap?: Record<string, unknown>;
}

/** A member's name; a member expression (an object in Cube's map) is named `view.alias`. */
export function memberName(member: unknown): string | undefined {
  if (typeof member === 'string') return member;
  const expression = member as { cubeName?: unknown; name?: unknown } | null;
  return typeof expression?.cubeName === 'string' && typeof expression.name === 'string' ? `${expression.cubeName}.${expression.name}` : undefined;
}

function keyedByMember(rows: Record<string, unknown>[], mapped: Record<string, unknown>): MemberRow[] {
  const aliases = Object.fromEntries(Object.entries(mapped).flatMap(([alias, member]) => {
    const name = memberName(member);
    return name ? [[alias, name]] : [];
  })) as Record<string, string>;
  const lowerAliases = new Map(Object.entries(aliases).map(([alias, member]) => [alias.toLowerCase(), member]));
  return rows.map((row) => {
    const out: MemberRow = {};
    for (const [alias, value] of Object.entries(row)) {
      const member = aliases[alias] ?? lowerAliases.get(alias.toLowerCase());
      if (member) out[member] = value;
    }
    return out;
  });
}

function columnarRows(data: { members: string[]; columns?: unknown[][]; dataset?: unknown[][] }): MemberRow[] {
  if (data.dataset) return data.dataset.map((r) => Object.fromEntries(data.members.map((m, i) => [m, r[i]])));
  const columns = data.columns ?? [];
  const count = columns[0]?.length ?? 0;
  return Array.from({ length: count }, (_, r) => Object.fromEntries(data.members.map((m, i) => [m, columns[i]?.[r]])));
}

/**
 * The rows of what `sqlApiLoad` resolved with. For a plain Cube query the gateway answers
 * with a ResultArrayWrapper of ResultWrappers holding the driver's rows (keyed by SQL
 * alias) and the transform data mapping aliases to members; this reads them the way the
 * REST transform does. Plain `{ results: [{ data }] }` objects are read too.
 */
export function cubeAnswerRows(answer: unknown): MemberRow[] {
  const wrapper = answer as { getResults?(): ResultLike[]; results?: { data: unknown }[] };
  if (typeof wrapper?.getResults === 'function') {
    return wrapper.getResults().flatMap((result) => {
      const raw = result.getRawData?.()[0];
      const transform = (result.getTransformData?.()[0] ?? {}) as TransformData;
      const aliases = transform.aliasToMemberNameMap ?? {};
      if (Array.isArray(raw)) return keyedByMember(raw as Record<string, unknown>[], aliases);
      // The column-wise JSON bytes the gateway's wrappers hand to result shaping.
      const data = Buffer.isBuffer(raw) || raw instanceof Uint8Array ? JSON.parse(Buffer.from(raw).toString('utf8')) : raw;
      if (data && typeof data === 'object' && 'members' in data) return keyedByMember(columnarRows(data), aliases);
      throw new Error('sqlApiLoad answered with rows in an unknown shape');
    });
  }
  if (Array.isArray(wrapper?.results)) {
    return wrapper.results.flatMap((r) => {
      const data = r.data as unknown;
      if (Array.isArray(data)) return data as MemberRow[];
      return columnarRows(data as { members: string[] });
    });
  }
  throw new Error('sqlApiLoad answered in an unknown shape');
}
