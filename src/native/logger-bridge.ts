/**
 * Cube hands its logger to the native module (`setupLogger`) so that events
 * raised inside the SQL API reach the same sink as the REST API's. Our SQL API
 * is TypeScript, so the bridge is a plain function call: `logNativeEvent`.
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';
type CubeLogger = (extra: { event: Record<string, unknown> }) => unknown;

const SEVERITY: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

let sink: CubeLogger | undefined;
let threshold: LogLevel = 'warn';

export function setupLogger(logger: CubeLogger, logLevel: LogLevel, _prodLogger = false): void {
  if (typeof logger !== 'function') throw new TypeError('setupLogger: logger must be a function');
  sink = logger;
  threshold = SEVERITY[logLevel] === undefined ? 'warn' : logLevel;
}

/** Back to the default sink (standard output), as the Rust module does. */
export function resetLogger(logLevel: LogLevel): void {
  sink = undefined;
  threshold = SEVERITY[logLevel] === undefined ? 'warn' : logLevel;
}

/**
 * Sends one event (`type` plus properties) to Cube's logger when `level` is at
 * or above the configured threshold. Callers must not put secrets or query
 * literals in `properties`: the sink writes them as they are.
 */
export function logNativeEvent(level: LogLevel, type: string, properties: Record<string, unknown> = {}): void {
  if (SEVERITY[level] > SEVERITY[threshold]) return;
  const event = { type, level, ...properties };
  try {
    if (sink) sink({ event });
    else process.stdout.write(`${JSON.stringify(event)}\n`);
  } catch {
    // A failing log sink must never take a SQL session down with it.
  }
}
