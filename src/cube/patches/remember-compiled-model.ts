import { CompilerApi } from '@cubejs-backend/server-core';
import { rememberCompiledModel, type CompiledCube } from '../../boundary/visible-members';

interface Compilers {
  readonly metaTransformer?: { readonly cubes?: readonly CompiledCube[] };
}

const INSTALLED = Symbol.for('alma.remember-compiled-model');

/**
 * Every compiled model passes through CompilerApi#getCompilers; recording its
 * meta config (the cubes and views before any policy) lets the boundary's
 * `visibleMembersFor` answer callers that have no compiler at hand, such as
 * the SQL API's catalog.
 */
export function installRememberCompiledModel(): void {
  const prototype = CompilerApi.prototype as unknown as Record<PropertyKey, unknown> & { getCompilers(...args: unknown[]): Promise<Compilers> };
  if (prototype[INSTALLED]) return;
  const original = prototype.getCompilers;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no getCompilers: the visible members cannot follow the compiled model');
  prototype.getCompilers = async function getCompilersAndRemember(this: unknown, ...args: unknown[]) {
    const compilers = await original.apply(this, args);
    const cubes = compilers?.metaTransformer?.cubes;
    if (Array.isArray(cubes)) rememberCompiledModel(cubes);
    return compilers;
  };
  prototype[INSTALLED] = true;
}
