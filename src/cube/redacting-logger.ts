import { cancelledAtShutdown } from './queries-cancelled-at-shutdown';

/**
 * Cube's logger, minus what must never reach a log: tokens, passwords,
 * security contexts and every value of a query (filter values, date ranges,
 * compare ranges, limits, offsets, order directions, time zones can be names
 * or identifiers of patrons, or carry them). Cube itself puts the bearer token
 * on auth-failure events, and the whole query on query events (a GET query as
 * its raw text, or that text spread into an object of characters). A query is
 * logged as its shape: the members it names and the operators it uses.
 */
const SECRET_KEYS = new Set(['token', 'authorization', 'password', 'securityContext', 'authInfo']);
/** Keys under which Cube logs a REST query (raw, normalized or rewritten). */
const QUERY_KEYS = new Set(['query', 'normalizedQueries', 'normalizedQuery', 'redactedQuery', 'queries', 'rewrittenQuery', 'pivotQuery', 'queryBody']);
const REDACTED = '[redacted]';
const MEMBER_NAME = /^[A-Za-z_]\w*\.[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/;
const GRANULARITIES = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);
const TOKEN = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

type Json = Record<string, unknown>;

/** A string Cube spread into an object ({0: '{', 1: '"', ...}) back to the string. */
function unspread(value: Json): string | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((key, index) => key === String(index))) return undefined;
  const chars = Object.values(value);
  return chars.every((char) => typeof char === 'string' && char.length <= 2) ? chars.join('') : undefined;
}

/** A Cube query as text, object, list or spread string, as a parsed value (undefined when it is none of those). */
function parsedQuery(value: unknown): unknown {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const text = unspread(value as Json);
    if (text !== undefined) return parsedQuery(text);
  }
  return value;
}

const memberName = (name: unknown) => (typeof name === 'string' && MEMBER_NAME.test(name) ? name : REDACTED);
const memberNames = (list: unknown) => (Array.isArray(list) ? list.map(memberName) : undefined);

function filterShape(filter: unknown): unknown {
  if (!filter || typeof filter !== 'object') return REDACTED;
  const { and, or, member, dimension, operator } = filter as Json;
  if (Array.isArray(and)) return { and: and.map(filterShape) };
  if (Array.isArray(or)) return { or: or.map(filterShape) };
  return { member: memberName(member ?? dimension), operator: typeof operator === 'string' && /^[A-Za-z]{1,20}$/.test(operator) ? operator : REDACTED };
}

/** What of a query may be logged: its members and operators, never a value. */
export function queryShape(value: unknown): unknown {
  const query = parsedQuery(value);
  if (Array.isArray(query)) return query.map(queryShape);
  if (!query || typeof query !== 'object') return value === undefined || value === null ? value : REDACTED;
  const fields = query as Json;
  const shape: Json = {};
  for (const key of ['measures', 'dimensions', 'segments'] as const) if (fields[key] !== undefined) shape[key] = memberNames(fields[key]) ?? REDACTED;
  if (Array.isArray(fields.timeDimensions)) {
    shape.timeDimensions = fields.timeDimensions.map((entry) => {
      const { dimension, granularity, dateRange, compareDateRange } = (entry ?? {}) as Json;
      return {
        dimension: memberName(dimension),
        ...(granularity !== undefined ? { granularity: GRANULARITIES.has(String(granularity)) ? granularity : REDACTED } : {}),
        ...(dateRange !== undefined ? { dateRange: REDACTED } : {}),
        ...(compareDateRange !== undefined ? { compareDateRange: REDACTED } : {}),
      };
    });
  }
  if (Array.isArray(fields.filters)) shape.filters = fields.filters.map(filterShape);
  if (fields.order !== undefined) {
    const order = fields.order;
    shape.order = Array.isArray(order) ? order.map((pair) => (Array.isArray(pair) ? memberName(pair[0]) : REDACTED)) : order && typeof order === 'object' ? Object.keys(order).map(memberName) : REDACTED;
  }
  for (const key of ['ungrouped', 'total']) if (typeof fields[key] === 'boolean') shape[key] = fields[key];
  for (const key of ['limit', 'offset', 'timezone', 'joinHints', 'subqueryJoins']) if (fields[key] !== undefined) shape[key] = REDACTED;
  return shape;
}

/**
 * Every value a logged query carries (not its member names), so that the same
 * text is scrubbed from the rest of the line: Cube's error messages quote
 * values ("Can't parse date: '…'", an unknown time zone).
 */
function queryValues(value: unknown, found: Set<string>): void {
  const query = parsedQuery(value);
  const visit = (item: unknown, key = ''): void => {
    if (typeof item === 'string') {
      // Operators and known granularities stay in the logged shape; they are the query's words, not its values.
      if (key === 'operator' || (key === 'granularity' && GRANULARITIES.has(item))) return;
      if (!MEMBER_NAME.test(item) && !['asc', 'desc', 'and', 'or'].includes(item) && item.length >= 3) found.add(item);
    } else if (typeof item === 'number') {
      if (String(item).length >= 3) found.add(String(item));
    } else if (Array.isArray(item)) {
      item.forEach((child) => visit(child, key));
    } else if (item && typeof item === 'object') {
      for (const [name, child] of Object.entries(item)) {
        if (key === 'order' && !MEMBER_NAME.test(name)) found.add(name);
        visit(child, name);
      }
    }
  };
  visit(query);
}

/** SQL text with its literals replaced: Cube inlines LIMIT and OFFSET, and drivers may inline strings. */
function redactSqlText(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, `'${REDACTED}'`).replace(/\b(LIMIT|OFFSET)\s+\d+/gi, `$1 ${REDACTED}`);
}

export function redactForLog(value: unknown, key = '', values: Set<string> = new Set()): unknown {
  if (SECRET_KEYS.has(key)) return REDACTED;
  if (QUERY_KEYS.has(key) && value !== null && value !== undefined) {
    // The orchestrator logs SQL under `query`; a Cube query is logged as its shape.
    if (typeof value === 'string' && /^\s*(SELECT|WITH|CREATE|INSERT|DROP)\b/i.test(value)) return redactSqlText(value);
    queryValues(value, values);
    return queryShape(value);
  }
  if ((key === 'values' || key === 'params') && Array.isArray(value)) return value.map(() => REDACTED);
  // Query keys ([sql, parameters, ...]) carry the parameters of the SQL, at trace level.
  if (Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1]) && /^\s*(SELECT|WITH)\b/i.test(value[0])) {
    return [redactSqlText(value[0]), value[1].map(() => REDACTED), ...value.slice(2).map((item) => redactForLog(item, '', values))];
  }
  // A GET /load URL carries the whole query, values included: keep the path only.
  if ((key === 'url' || key === 'originalUrl' || key === 'path') && typeof value === 'string') return value.replace(/\?.*$/s, `?${REDACTED}`);
  if (key === 'dateRange' || key === 'compareDateRange') return REDACTED;
  // JSON.parse quotes the text it could not read: a query that is not JSON is logged without it.
  if (typeof value === 'string' && /^Unable to decode query param as JSON/.test(value)) return `Unable to decode query param as JSON: ${REDACTED}`;
  if (typeof value === 'string' && /^\s*(SELECT|WITH)\b/i.test(value)) return redactSqlText(value);
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, '', values));
  if (value && typeof value === 'object') {
    // Query-carrying keys first, so their values are known before the rest (errors) is written.
    const entries = Object.entries(value).sort(([a], [b]) => Number(QUERY_KEYS.has(b)) - Number(QUERY_KEYS.has(a)));
    return Object.fromEntries(entries.map(([name, item]) => [name, redactForLog(item, name, values)]));
  }
  if (typeof value === 'string' && value.includes('eyJ')) return value.replace(TOKEN, '[token]');
  return value;
}

/** `text` without any of `values`, raw or as JSON escapes them. */
function scrub(text: string, values: Set<string>): string {
  let scrubbed = text;
  for (const found of [...values].sort((a, b) => b.length - a.length)) {
    for (const form of new Set([found, JSON.stringify(found).slice(1, -1)])) scrubbed = scrubbed.split(form).join(REDACTED);
  }
  return scrubbed;
}

/** The log line for one of Cube's events, as written. */
export function logLine(message: string, params: Record<string, unknown> = {}): string {
  const values = new Set<string>();
  const redacted = redactForLog(params, '', values) as Record<string, unknown>;
  return scrub(JSON.stringify({ message, ...redacted }), values);
}

export function redactingLogger(message: string, params: Record<string, unknown> = {}): void {
  if (!redactingLoggerWrites(params) || cancelledAtShutdown(params)) return;
  process.stderr.write(`${logLine(message, params)}\n`);
}

/** CUBEJS_LOG_LEVEL, which redactingLogger reads at each event. */
export function logLevel(): string {
  return String(process.env.CUBEJS_LOG_LEVEL ?? 'warn');
}

/** Whether redactingLogger writes an event with these params at `level` (it drops the rest): errors at `error`, warnings too at `warn`, all else above. */
export function redactingLoggerWritesAt(level: string, params: Record<string, unknown> = {}): boolean {
  if (level === 'error') return 'error' in params;
  if (level === 'warn') return 'error' in params || 'warning' in params;
  return true;
}

/** Whether redactingLogger writes an event with these params at the level of CUBEJS_LOG_LEVEL (it drops the rest). */
export function redactingLoggerWrites(params: Record<string, unknown> = {}): boolean {
  return redactingLoggerWritesAt(logLevel(), params);
}
