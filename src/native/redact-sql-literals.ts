/**
 * The statement with every string literal replaced by 'redacted', so that a
 * logged SQL API statement keeps its shape but none of the values a user typed
 * (names, identifiers, passwords in SET commands). Handles standard strings
 * with doubled quotes, E'' strings with backslash escapes, dollar quoting, and
 * leaves quoted identifiers and comments alone.
 */
export function redactSqlLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '"') {
      const stop = skipQuoted(sql, i, '"', false);
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === "'") {
      const escaped = i > 0 && /[eE]/.test(sql[i - 1]!) && !/[\w$]/.test(sql[i - 2] ?? '');
      i = skipQuoted(sql, i, "'", escaped);
      out += "'redacted'";
    } else if (char === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!tag) {
        out += char;
        i += 1;
        continue;
      }
      const end = sql.indexOf(tag[0], i + tag[0].length);
      i = end === -1 ? sql.length : end + tag[0].length;
      out += "'redacted'";
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Index just past the quoted run that starts at `start`. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
