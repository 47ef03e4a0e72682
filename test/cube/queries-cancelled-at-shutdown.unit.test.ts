import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginShutdown, cancelledAtShutdown, cancelledQueriesLine } from '../../src/cube/queries-cancelled-at-shutdown';
import { redactingLogger } from '../../src/cube/redacting-logger';

const draining = (requestId: string) => ({ requestId, error: 'Error: pool is draining and cannot accept work\n    at Pool.acquire (...)' });

describe('queries cancelled at shutdown', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are logged as Cube logs them while the server runs, then counted once per query and left out while it stops', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    redactingLogger('Error while querying', draining('before-stop'));
    expect(written).toHaveLength(1);
    expect(cancelledQueriesLine()).toBeUndefined();

    beginShutdown();
    for (const message of ['Error while querying', 'Dropping Cache', 'Error while renew cycle']) {
      redactingLogger(message, draining('a'));
      redactingLogger(message, draining('b'));
    }
    // Any other error while stopping is still written.
    redactingLogger('Error while querying', { requestId: 'c', error: 'Error: relation "alma.users" does not exist' });
    expect(written).toHaveLength(2);
    expect(written[1]).toContain('does not exist');
    expect(cancelledAtShutdown({ requestId: 'd' })).toBe(false);
    expect(cancelledQueriesLine()).toBe('cube: 2 queries still running or queued when the server stopped were cancelled (ask again after the next start)');
  });
});
