import { compilerApiPrototype, type Compilers, type QueryObject } from './cube-compiler-internals';
import { queryShape } from './query-shape';
import { requestContextKey } from './request-context-key';

const INSTALLED = Symbol.for('alma.row-level-security-per-query-shape');
const MAX_KEPT_PER_MODEL = 5000;

/** What applyRowLevelSecurity added to a query: the row filter it appended, and the masked members it set. */
interface Additions {
  readonly filter?: unknown;
  readonly maskedMembers?: unknown;
}

const keptByModel = new WeakMap<Compilers, Map<string, Additions>>();

/** A copy of plain data (arrays, plain objects, strings, finite numbers, booleans, null, undefined), or NOT_PLAIN. */
const NOT_PLAIN = Symbol('not plain data');
function plainCopy(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_PLAIN;
  if (typeof value !== 'object' || depth > 32) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value)) return NOT_PLAIN;
      const item = plainCopy(value[index], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy.push(item);
    }
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = plainCopy((value as Record<string, unknown>)[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = item;
  }
  return copy;
}

/**
 * What the call added to `query`, when that is all it did: at most one filter appended to the
 * filters it had (which are otherwise untouched), maskedMembers set where there were none, no
 * other property changed. Undefined for anything else (a denied query, whose segment holds a
 * function; any change this does not recognise), which is then never kept.
 */
function additionsOf(query: QueryObject, before: Map<string, unknown>, filtersBefore: readonly unknown[]): Additions | undefined {
  for (const [key, value] of before) {
    if (query[key] !== value) return undefined;
  }
  for (const key of Object.keys(query)) {
    if (!before.has(key) && key !== 'maskedMembers') return undefined;
  }
  const filters = query.filters as unknown[];
  if (filters.length < filtersBefore.length || filters.length > filtersBefore.length + 1) return undefined;
  if (filtersBefore.some((filter, index) => filters[index] !== filter)) return undefined;
  const filter = filters.length > filtersBefore.length ? plainCopy(filters[filters.length - 1]) : undefined;
  const maskedMembers = Object.hasOwn(query, 'maskedMembers') ? plainCopy(query.maskedMembers) : undefined;
  if (filter === NOT_PLAIN || maskedMembers === NOT_PLAIN) return undefined;
  return { ...(filter !== undefined ? { filter } : {}), ...(Object.hasOwn(query, 'maskedMembers') ? { maskedMembers } : {}) };
}

/**
 * applyRowLevelSecurity works out, for every request, which policies apply to
 * the caller, which members they grant or mask and which row filters they
 * impose, and adds the row filter and the masked members to the query. All of
 * that follows from the compiled model, the caller's whole context and the
 * members of the query (its shape), with one exception: a member masked only
 * outside a policy's rows is unmasked when the query's own filters already
 * keep to those rows, which reads the query's values. So the additions are
 * kept per compiled model, whole context and query shape, and only when the
 * call never asked whether the query's filters imply a mask filter, did not
 * deny the query, and added nothing but plain data in the one way Cube adds
 * it; a kept addition is copied into each query, after the query's own
 * filters, as Cube does. The model's policies are functions of the caller's
 * context (Cube keeps its own policy decisions per context alike).
 */
export function installRowLevelSecurityPerQueryShape(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.applyRowLevelSecurity;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no applyRowLevelSecurity: its additions cannot be kept per query shape');
  compilerApiPrototype.applyRowLevelSecurity = async function applyRowLevelSecurityOncePerShape(query, evaluatedQuery, context) {
    const shape = query === evaluatedQuery && Array.isArray(query.filters) ? queryShape(query) : undefined;
    if (shape === undefined) return original.call(this, query, evaluatedQuery, context);
    const compilers = await this.getCompilers({ requestId: (context as { requestId?: string }).requestId });
    let kept = keptByModel.get(compilers);
    if (!kept) {
      kept = new Map();
      keptByModel.set(compilers, kept);
    }
    const key = `${requestContextKey(context as Record<string, unknown>)}\n${shape}`;
    const additions = kept.get(key);
    if (additions) {
      if ('filter' in additions) (query.filters as unknown[]).push(plainCopy(additions.filter));
      if ('maskedMembers' in additions) query.maskedMembers = plainCopy(additions.maskedMembers);
      return { query, denied: false };
    }
    const before = new Map(Object.entries(query));
    const filtersBefore = [...(query.filters as unknown[])];
    let readQueryFilters = false;
    // Everything reaches Cube's own object; only the question that reads the query's values is noted.
    const noting = new Proxy(this, {
      get: (target, property) => {
        if (property !== 'queryFiltersImplyFilter') return Reflect.get(target, property);
        readQueryFilters = true;
        return Reflect.get(target, property);
      },
    });
    const result = await original.call(noting, query, evaluatedQuery, context);
    if (result.denied || result.query !== query || readQueryFilters) return result;
    const found = additionsOf(query, before, filtersBefore);
    if (found) {
      if (kept.size >= MAX_KEPT_PER_MODEL) kept.clear();
      kept.set(key, found);
    }
    return result;
  };
  compilerApiPrototype[INSTALLED] = true;
}
