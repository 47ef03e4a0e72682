import { ApiGateway } from '@cubejs-backend/api-gateway';
import { requestContextKey } from './request-context-key';

const INSTALLED = Symbol.for('alma.meta-cut-per-caller');
const MAX_CALLERS_PER_META = 1000;

type FilterVisibleItemsInMeta = (context: Record<string, unknown>, cubes: readonly unknown[]) => unknown[];

const cutsByMeta = new WeakMap<object, Map<string, unknown[]>>();

/**
 * Every /load cuts the model's meta config down to the caller's visible
 * members (filterVisibleItemsInMeta, with the boundary's cut inside it) only
 * to label the answer's columns. The cut depends on nothing but the meta
 * config it is given and the caller's context, and the meta config of one
 * caller on one compiled model is one object (visibility-cache-per-caller.ts),
 * so the cut is kept per that object and the caller's whole context (request
 * id left out). The member check on the query itself still runs every time.
 */
export function installMetaCutPerCaller(): void {
  const prototype = ApiGateway.prototype as unknown as Record<PropertyKey, unknown> & { filterVisibleItemsInMeta: FilterVisibleItemsInMeta };
  if (prototype[INSTALLED]) return;
  const original = prototype.filterVisibleItemsInMeta;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no filterVisibleItemsInMeta: the meta cut cannot be kept per caller');
  prototype.filterVisibleItemsInMeta = function cutMetaOncePerCaller(context, cubes) {
    if (!context || !Array.isArray(cubes)) return original.call(this, context, cubes);
    let byCaller = cutsByMeta.get(cubes);
    if (!byCaller) {
      byCaller = new Map();
      cutsByMeta.set(cubes, byCaller);
    }
    const key = requestContextKey(context);
    let cut = byCaller.get(key);
    if (!cut) {
      if (byCaller.size >= MAX_CALLERS_PER_META) byCaller.clear();
      cut = original.call(this, context, cubes);
      byCaller.set(key, cut);
    }
    return cut;
  };
  prototype[INSTALLED] = true;
}
