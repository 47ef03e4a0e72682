/** Cube's rows keyed by member name (`users.count`, `users.creation_date.month`). */
export type MemberRow = Record<string, unknown>;

interface ColumnarData {
  members: string[];
  columns?: unknown[][];
  dataset?: unknown[][];
}

interface ResultLike {
  getRawData?(): unknown[];
  /** The native stand-in's ResultWrapper: what getRawData's JSON bytes hold, without the text. */
  getColumnarData?(): ColumnarData;
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

/** A column alias to its member's name: as Cube's map names it, else the same alias in another case; undefined when the map has neither. */
function memberOfAlias(mapped: Record<string, unknown>): (alias: string) => string | undefined {
  const aliases = Object.fromEntries(Object.entries(mapped).flatMap(([alias, member]) => {
    const name = memberName(member);
    return name ? [[alias, name]] : [];
  })) as Record<string, string>;
  const lowerAliases = new Map(Object.entries(aliases).map(([alias, member]) => [alias.toLowerCase(), member]));
  return (alias) => aliases[alias] ?? lowerAliases.get(alias.toLowerCase());
}

function keyedByMember(rows: Record<string, unknown>[], mapped: Record<string, unknown>): MemberRow[] {
  const memberOf = memberOfAlias(mapped);
  return rows.map((row) => {
    const out: MemberRow = {};
    for (const [alias, value] of Object.entries(row)) {
      const member = memberOf(alias);
      if (member) out[member] = value;
    }
    return out;
  });
}

/**
 * Rows keyed by member straight from the column-wise form: what keyedByMember
 * gives for columnarRows' rows, with each column's member found once.
 */
function keyedColumns(data: ColumnarData, mapped: Record<string, unknown>): MemberRow[] {
  if (data.dataset) return keyedByMember(columnarRows(data), mapped);
  const memberOf = memberOfAlias(mapped);
  // Each alias once, with its last column, in the order a row object built from the members holds them.
  const lastColumn = Object.fromEntries(data.members.map((alias, index) => [alias, index])) as Record<string, number>;
  const reads: [member: string, column: unknown[] | undefined][] = [];
  for (const [alias, index] of Object.entries(lastColumn)) {
    const member = memberOf(alias);
    if (member) reads.push([member, data.columns?.[index]]);
  }
  const count = data.columns?.[0]?.length ?? 0;
  const rows: MemberRow[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const out: MemberRow = {};
    for (const [member, column] of reads) out[member] = column?.[r];
    rows[r] = out;
  }
  return rows;
}

function columnarRows(data: ColumnarData): MemberRow[] {
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
      const transform = (result.getTransformData?.()[0] ?? {}) as TransformData;
      const aliases = transform.aliasToMemberNameMap ?? {};
      if (typeof result.getColumnarData === 'function') return keyedColumns(result.getColumnarData(), aliases);
      const raw = result.getRawData?.()[0];
      if (Array.isArray(raw)) return keyedByMember(raw as Record<string, unknown>[], aliases);
      // The column-wise JSON bytes the gateway's wrappers hand to result shaping.
      const data = Buffer.isBuffer(raw) || raw instanceof Uint8Array ? JSON.parse(Buffer.from(raw).toString('utf8')) : raw;
      if (data && typeof data === 'object' && 'members' in data) return keyedColumns(data, aliases);
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
