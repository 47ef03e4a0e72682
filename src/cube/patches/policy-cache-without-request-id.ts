import { compilerApiPrototype } from './cube-compiler-internals';
import { requestContextKey } from './request-context-key';

const INSTALLED = Symbol.for('alma.policy-cache-without-request-id');

/**
 * Cube keeps the access policies that apply to a caller in a cache of the
 * compiled model (getApplicablePolicies), keyed by a hash of the request's
 * context. That hash includes the request id, so the cache never answers and
 * every request evaluates every policy of every cube again. The hash here
 * covers the same context without the request id: the same caller (every
 * claim equal) on the same compiled model reuses the decision; anyone else,
 * or a recompiled model (a new cache), is evaluated afresh.
 */
export function installPolicyCacheWithoutRequestId(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  if (typeof compilerApiPrototype.hashRequestContext !== 'function') {
    throw new Error('Cube\'s CompilerApi has no hashRequestContext: the access policy cache cannot be keyed without the request id');
  }
  compilerApiPrototype.hashRequestContext = function hashContextWithoutRequestId(context) {
    if (typeof context.__hash !== 'string') {
      // Cube memoizes the hash on the context object; a context is one request's, so that is safe.
      Object.defineProperty(context, '__hash', { value: requestContextKey(context), enumerable: false, configurable: true, writable: true });
    }
    return context.__hash as string;
  };
  compilerApiPrototype[INSTALLED] = true;
}
