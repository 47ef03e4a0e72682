import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.timeout-error-only-on-timeout');

interface PromiseTimeout {
  timeout<T>(promise: Promise<T>, timeoutMillis: number): Promise<T>;
  TimeoutError: new () => Error;
  [INSTALLED]?: true;
}

/**
 * Cube's orchestrator wraps every query in promise-timeout's `timeout`, which
 * builds its TimeoutError, formatted stack and all (through source maps), before
 * it knows whether the query will time out. Here the same error is built only
 * when the time is up; Cube still tells it apart by `instanceof TimeoutError`.
 */
export function installTimeoutErrorOnlyOnTimeout(): void {
  // The copy Cube's server-core resolves, not whichever one this project might.
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const promiseTimeout = fromServerCore('promise-timeout') as PromiseTimeout;
  if (promiseTimeout[INSTALLED]) return;
  const { TimeoutError } = promiseTimeout;
  if (typeof promiseTimeout.timeout !== 'function' || typeof TimeoutError !== 'function') {
    throw new Error('promise-timeout has no timeout or TimeoutError: Cube\'s query timeouts cannot be made lazy');
  }
  promiseTimeout.timeout = function timeoutWithLazyError<T>(promise: Promise<T>, timeoutMillis: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new TimeoutError()), timeoutMillis);
    });
    return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
  };
  promiseTimeout[INSTALLED] = true;
}
