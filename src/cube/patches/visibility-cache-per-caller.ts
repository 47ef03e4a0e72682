import { compilerApiPrototype, type Compilers } from './cube-compiler-internals';
import { requestContextKey } from './request-context-key';

const INSTALLED = Symbol.for('alma.visibility-cache-per-caller');
const MAX_CALLERS_PER_MODEL = 1000;

type Patched = ReturnType<typeof compilerApiPrototype.patchVisibilityByAccessPolicy>;
const byModel = new WeakMap<Compilers, WeakMap<object, Map<string, Patched>>>();

/**
 * Every /load asks for the model's meta config, and Cube evaluates every
 * access policy against every member of every cube and view to mark what the
 * caller may see (patchVisibilityByAccessPolicy). The answer depends only on
 * the compiled model, the list of cubes it was given and the caller's context,
 * so it is kept per compiled model, cube list and context (every claim; the
 * request id left out). A new model or another caller is evaluated afresh.
 */
export function installVisibilityCachePerCaller(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.patchVisibilityByAccessPolicy;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no patchVisibilityByAccessPolicy: member visibility cannot be cached per caller');
  compilerApiPrototype.patchVisibilityByAccessPolicy = function patchVisibilityOncePerCaller(compilers, context, cubes) {
    if (!compilers || !cubes) return original.call(this, compilers, context, cubes);
    let byCubes = byModel.get(compilers);
    if (!byCubes) {
      byCubes = new WeakMap();
      byModel.set(compilers, byCubes);
    }
    let byCaller = byCubes.get(cubes);
    if (!byCaller) {
      byCaller = new Map();
      byCubes.set(cubes, byCaller);
    }
    const key = requestContextKey(context);
    let patched = byCaller.get(key);
    if (!patched) {
      if (byCaller.size >= MAX_CALLERS_PER_MODEL) byCaller.clear();
      patched = original.call(this, compilers, context, cubes);
      byCaller.set(key, patched);
      const callers = byCaller;
      patched.catch(() => callers.delete(key));
    }
    return patched;
  };
  compilerApiPrototype[INSTALLED] = true;
}
