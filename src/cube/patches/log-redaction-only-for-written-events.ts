import { createRequire } from 'node:module';
import { logLevel, redactingLogger, redactingLoggerWritesAt } from '../redacting-logger';

const INSTALLED = Symbol.for('alma.log-redaction-only-for-written-events');
const WRITTEN_EVENTS = Symbol.for('alma.written-events');

type EventFilter = (params?: Record<string, unknown>) => boolean;
type LogSink = ((message: string, params?: Record<string, unknown>) => void) & { [WRITTEN_EVENTS]?: EventFilter };

interface CubeLogRedaction {
  withLogRedaction(sink: LogSink): LogSink;
  redactLogParams(params: Record<string, unknown>): Record<string, unknown>;
  [INSTALLED]?: true;
}

/**
 * Which events a log sink built here writes (undefined for any other sink):
 * Cube's own callers may skip building an event the sink would drop.
 */
export function writtenEventsOf(sink: unknown): EventFilter | undefined {
  return typeof sink === 'function' ? (sink as LogSink)[WRITTEN_EVENTS] : undefined;
}

/**
 * Cube's server core wraps its log sink so that each event's query values are
 * redacted before the sink sees it (withLogRedaction). Our sink,
 * redactingLogger, writes only errors and warnings at the usual log level (and
 * redacts again what it writes): the several events of every request that it
 * drops were redacted for nothing. Around our sink, Cube's redaction now runs
 * only for an event the sink will write, and then exactly as before; any other
 * sink is wrapped as Cube wraps it. The level is read when the server core
 * wraps the sink, at start: the server's environment is set before Cube loads
 * and never changed.
 */
export function installLogRedactionOnlyForWrittenEvents(): void {
  // The copy of @cubejs-backend/shared that Cube's server core uses.
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/server.js'));
  const redaction = fromServerCore('@cubejs-backend/shared/dist/src/log-redaction.js') as CubeLogRedaction;
  if (redaction[INSTALLED]) return;
  const { withLogRedaction } = redaction;
  if (typeof withLogRedaction !== 'function' || typeof redaction.redactLogParams !== 'function') {
    throw new Error('@cubejs-backend/shared has no withLogRedaction or redactLogParams: log redaction cannot be limited to written events');
  }
  redaction.withLogRedaction = function withLogRedactionOfWrittenEvents(sink: LogSink): LogSink {
    if (sink !== redactingLogger) return withLogRedaction(sink);
    const level = logLevel();
    const written: EventFilter = (params) => redactingLoggerWritesAt(level, params);
    const redacting: LogSink = (message, params) => {
      if (!written(params)) return;
      sink(message, params ? redaction.redactLogParams(params) : params);
    };
    redacting[WRITTEN_EVENTS] = written;
    return redacting;
  };
  redaction[INSTALLED] = true;
}
