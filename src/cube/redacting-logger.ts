/**
 * Cube's logger, minus what must never reach a log: tokens, passwords,
 * security contexts and the literal values of queries (filter values can be
 * names or identifiers of patrons). Cube itself puts the bearer token on
 * auth-failure events, and the whole query on query events.
 */
const SECRET_KEYS = new Set(['token', 'authorization', 'password', 'securityContext', 'authInfo']);

export function redactForLog(value: unknown, key = ''): unknown {
  if (SECRET_KEYS.has(key)) return '[redacted]';
  if ((key === 'values' || key === 'params') && Array.isArray(value)) return value.map(() => '[redacted]');
  // Query keys ([sql, parameters, ...]) carry the parameters of the SQL, at trace level.
  if (Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1]) && /^\s*(SELECT|WITH)\b/i.test(value[0])) {
    return [value[0], value[1].map(() => '[redacted]'), ...value.slice(2).map((item) => redactForLog(item))];
  }
  // A GET /load URL carries the whole query, values included: keep the path only.
  if ((key === 'url' || key === 'originalUrl' || key === 'path') && typeof value === 'string') return value.replace(/\?.*$/s, '?[redacted]');
  if (key === 'dateRange' && (Array.isArray(value) || typeof value === 'string')) return '[redacted]';
  if (Array.isArray(value)) return value.map((item) => redactForLog(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactForLog(item, name)]));
  }
  if (typeof value === 'string' && /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/.test(value)) {
    return value.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[token]');
  }
  return value;
}

export function redactingLogger(message: string, params: Record<string, unknown> = {}): void {
  const level = String(process.env.CUBEJS_LOG_LEVEL ?? 'warn');
  const isError = 'error' in params;
  const isWarning = 'warning' in params;
  if (level === 'error' && !isError) return;
  if (level === 'warn' && !isError && !isWarning) return;
  const line = JSON.stringify({ message, ...(redactForLog(params) as Record<string, unknown>) });
  process.stderr.write(`${line}\n`);
}
