/** A token of SQL text: where it starts and ends, its kind, and its paren depth. */
export interface SqlToken {
  start: number;
  end: number;
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';
  /** Upper-cased for words, the character for punctuation. */
  text: string;
  depth: number;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const PARAM = /\$\d+/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

function matchAt(re: RegExp, sql: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(sql)?.[0] ?? null;
}

/** End of a quoted string or identifier opened at `at`; a doubled quote stays inside. */
function quotedEnd(sql: string, at: number, quote: string, backslashEscapes: boolean): number {
  for (let i = at + 1; i < sql.length; i++) {
    if (backslashEscapes && sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return sql.length;
}

function commentEnd(sql: string, at: number): number {
  let depth = 0;
  for (let i = at; i < sql.length - 1; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') (depth++, i++);
    else if (sql[i] === '*' && sql[i + 1] === '/') {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return sql.length;
}

/**
 * Splits SQL that PostgreSQL's parser already accepted into tokens, skipping spaces
 * and comments, so expressions can be located by their boundaries (top-level
 * commas and keywords) without a deparser.
 */
export function sqlTokens(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  const push = (end: number, kind: SqlToken['kind'], text: string) => {
    tokens.push({ start: i, end, kind, text, depth });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (c === '/' && sql[i + 1] === '*') i = commentEnd(sql, i);
    else if (c === "'") push(quotedEnd(sql, i, "'", false), 'string', '');
    else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") push(quotedEnd(sql, i + 1, "'", true), 'string', '');
    else if (c === '"') push(quotedEnd(sql, i, '"', false), 'quoted', sql.slice(i + 1, quotedEnd(sql, i, '"', false) - 1).replace(/""/g, '"'));
    else if (c === '$' && matchAt(PARAM, sql, i)) push(i + matchAt(PARAM, sql, i)!.length, 'param', matchAt(PARAM, sql, i)!);
    else if (c === '$' && matchAt(DOLLAR_TAG, sql, i)) {
      const tag = matchAt(DOLLAR_TAG, sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      push(close < 0 ? sql.length : close + tag.length, 'string', '');
    } else if (matchAt(WORD, sql, i)) push(i + matchAt(WORD, sql, i)!.length, 'word', matchAt(WORD, sql, i)!.toUpperCase());
    else if (matchAt(NUMBER, sql, i)) push(i + matchAt(NUMBER, sql, i)!.length, 'number', matchAt(NUMBER, sql, i)!);
    else if (c === '(') {
      push(i + 1, 'punct', c);
      depth++;
    } else if (c === ')') {
      depth--;
      push(i + 1, 'punct', c);
    } else push(i + 1, 'punct', c);
  }
  return tokens;
}

/** Index of the token starting at `offset`. */
export function tokenAt(tokens: SqlToken[], offset: number): number {
  const index = tokens.findIndex((t) => t.start === offset);
  if (index < 0) throw new Error(`no token starts at ${offset}`);
  return index;
}

/** End offset of a column reference (`a.b."c"`) or a function call (`f(...)`) starting at token `index`. */
export function leafEnd(tokens: SqlToken[], index: number): number {
  let i = index;
  while (tokens[i + 1]?.text === '.' && tokens[i + 2]) i += 2;
  if (tokens[i + 1]?.text !== '(') return tokens[i]!.end;
  const depth = tokens[i + 1]!.depth;
  for (let j = i + 2; j < tokens.length; j++) {
    if (tokens[j]!.text === ')' && tokens[j]!.depth === depth && tokens[j]!.kind === 'punct') return tokens[j]!.end;
  }
  return tokens.at(-1)!.end;
}

/**
 * The comma-separated items of a top-level clause: from the token after `from`
 * up to the first top-level token in `stops`. Each item is [start, end) in the text.
 */
export function clauseItems(tokens: SqlToken[], from: number, stops: Set<string>): [number, number][] {
  const items: [number, number][] = [];
  let start = -1;
  let end = -1;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth === 0 && (t.kind === 'word' || t.kind === 'punct') && (stops.has(t.text) || t.text === ';')) break;
    if (t.depth === 0 && t.kind === 'punct' && t.text === ',') {
      items.push([start, end]);
      start = -1;
      continue;
    }
    if (start < 0) start = t.start;
    end = t.end;
  }
  if (start >= 0) items.push([start, end]);
  return items;
}

/** Index of the first top-level word `text` (e.g. SELECT, FROM, ORDER) followed by `next` when given. */
export function topLevelWord(tokens: SqlToken[], text: string, next?: string): number {
  return tokens.findIndex((t, i) => t.depth === 0 && t.kind === 'word' && t.text === text && (!next || tokens[i + 1]?.text === next));
}

/**
 * The parser reports locations as UTF-8 byte offsets; the text is indexed by UTF-16
 * code units. Returns the conversion for this text (the identity for ASCII text).
 */
export function charOffsetsOf(sql: string): (byteOffset: number) => number {
  if (!/[^\x00-\x7f]/.test(sql)) return (offset) => offset;
  const byChar = new Map<number, number>();
  let bytes = 0;
  for (let i = 0; i < sql.length; i++) {
    byChar.set(bytes, i);
    const code = sql.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  byChar.set(bytes, sql.length);
  return (offset) => byChar.get(offset) ?? offset;
}
