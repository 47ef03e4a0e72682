import { ApiGateway } from '@cubejs-backend/api-gateway';
import { writtenEventsOf } from './log-redaction-only-for-written-events';

const INSTALLED = Symbol.for('alma.gateway-log-only-for-written-events');

type GatewayLog = (this: { logger?: unknown }, event: Record<string, unknown>, context?: unknown) => void;

/**
 * The API gateway's log(event, context) copies each event and the caller's
 * context into a new object for its sink, half a dozen times per request,
 * and the sink drops most of them at the usual level. Which events it writes
 * is decided by their `error` and `warning` keys, which the copy takes from
 * the event alone (its other keys, the context's, are never those), so an
 * event the sink would drop is not built. Only for the sink our logger is
 * wrapped in (log-redaction-only-for-written-events.ts); any other is called
 * as before.
 */
export function installGatewayLogOnlyForWrittenEvents(): void {
  const prototype = ApiGateway.prototype as unknown as { log: GatewayLog; [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  const original = prototype.log;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no log: its events cannot be limited to written ones');
  prototype.log = function logOnlyWrittenEvents(event, context) {
    const written = writtenEventsOf(this.logger);
    if (written && !written(event)) return;
    original.call(this, event, context);
  };
  prototype[INSTALLED] = true;
}
