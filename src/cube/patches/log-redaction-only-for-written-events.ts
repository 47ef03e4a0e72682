import { createRequire } from 'node:module';
import { redactingLogger, redactingLoggerWrites } from '../redacting-logger';

const INSTALLED = Symbol.for('alma.log-redaction-only-for-written-events');

type LogSink = (message: string, params?: Record<string, unknown>) => void;

interface CubeLogRedaction {
  withLogRedaction(sink: LogSink): LogSink;
  redactLogParams(params: Record<string, unknown>): Record<string, unknown>;
  [INSTALLED]?: true;
}

/**
 * Cube's server core wraps its log sink so that each event's query values are
 * redacted before the sink sees it (withLogRedaction). Our sink,
 * redactingLogger, writes only errors and warnings at the usual log level (and
 * redacts again what it writes): the several events of every request that it
 * drops were redacted for nothing. Around our sink, Cube's redaction now runs
 * only for an event the sink will write, and then exactly as before; any other
 * sink is wrapped as Cube wraps it.
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
    return (message, params) => {
      if (!redactingLoggerWrites(params)) return;
      sink(message, params ? redaction.redactLogParams(params) : params);
    };
  };
  redaction[INSTALLED] = true;
}
