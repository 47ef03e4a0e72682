import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGatewayLogOnlyForWrittenEvents } from '../../src/cube/patches/gateway-log-only-for-written-events';
import { installLogRedactionOnlyForWrittenEvents } from '../../src/cube/patches/log-redaction-only-for-written-events';
import { redactingLogger } from '../../src/cube/redacting-logger';

// What gateway-log-only-for-written-events.ts relies on in Cube 1.7.43: the gateway's log(event, context)
// hands its sink the event less its type, plus keys of the context that are never `error` or `warning`;
// the sink is the server core's logger. Then the patched log is run against Cube's own: the same events
// reach the sink, in the same form.
const require = createRequire(__filename);
const gatewaySource = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/gateway.js'), 'utf8');
const coreSource = readFileSync(require.resolve('@cubejs-backend/server-core/dist/src/core/server.js'), 'utf8');

describe("Cube's gateway log, as its events are limited to the ones the sink writes", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('passes the event less its type and a few keys of the context to the logger it was built with', () => {
    expect(require('@cubejs-backend/api-gateway/package.json').version).toBe('1.7.43');
    const start = gatewaySource.indexOf('\n    log(event, context) {');
    expect(gatewaySource.slice(start, gatewaySource.indexOf('\n    }\n', start))).toBe(`
    log(event, context) {
        const { type, ...restParams } = event;
        this.logger(type, {
            ...restParams,
            ...(!context ? undefined : {
                securityContext: context.securityContext,
                requestId: context.requestId,
                ...(!context.appName ? undefined : { appName: context.appName }),
                ...(!context.protocol ? undefined : { protocol: context.protocol }),
                ...(!context.apiType ? undefined : { apiType: context.apiType }),
            })
        });`);
    expect(gatewaySource).toContain('this.logger = logger;');
    expect(coreSource).toContain('this.createApiGatewayInstance(this.options.apiSecret, this.getCompilerApi.bind(this), this.getOrchestratorApi.bind(this), this.logger, {');
  });

  it('gives the sink what Cube gives it, for every event the sink writes, at every level', async () => {
    const { ApiGateway } = require('@cubejs-backend/api-gateway') as { ApiGateway: { prototype: { log(event: object, context?: object): void } } };
    const stock = ApiGateway.prototype.log;
    installLogRedactionOnlyForWrittenEvents();
    installGatewayLogOnlyForWrittenEvents();
    const context = { securityContext: { group: 'admin' }, requestId: 'r', apiType: 'rest', protocol: 'http' };
    const events = [
      { type: 'Load Request', query: { measures: ['users.count'] } },
      { type: 'Load Request Success', duration: 3 },
      { type: 'Error while querying', error: 'boom', query: { measures: ['users.count'] } },
      { type: 'Slow Query Warning', warning: 'slow' },
      { type: 'error', value: 1 },
    ];
    for (const level of ['error', 'warn', 'info', 'trace']) {
      vi.stubEnv('CUBEJS_LOG_LEVEL', level);
      const sink = require('@cubejs-backend/shared').withLogRedaction(redactingLogger);
      const seen: unknown[] = [];
      const writes = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        seen.push(String(chunk));
        return true;
      });
      for (const event of events) ApiGateway.prototype.log.call({ logger: sink }, event, context);
      const patched = seen.splice(0);
      for (const event of events) stock.call({ logger: sink }, event, context);
      expect(patched, level).toEqual(seen);
      expect(patched.length, level).toBe({ error: 1, warn: 2, info: 5, trace: 5 }[level]);
      writes.mockRestore();
    }
    // Any other sink sees every event, as before.
    const other: unknown[] = [];
    for (const event of events) ApiGateway.prototype.log.call({ logger: (...args: unknown[]) => other.push(args) }, event, context);
    expect(other).toHaveLength(events.length);
  });
});
