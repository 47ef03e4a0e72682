import { queryShape } from './query-shape';
import { compilerApiPrototype, type CompilerApiInternals, type Compilers, type QueryObject, type SqlAnswer } from './cube-compiler-internals';

const INSTALLED = Symbol.for('alma.member-names-per-query-shape');
const MAX_SHAPES_PER_MODEL = 5000;

const memberNamesByModel = new WeakMap<Compilers, Map<string, Promise<readonly string[]>>>();

/**
 * applyRowLevelSecurity compiles the caller's query in full (pre-aggregation
 * matching included) only to read the names of the members it touches, and
 * with a new filter value that compile is never cached. The names depend on
 * the members, not the values, so here they are kept per compiled model and
 * query shape. The policies are still evaluated for each call, from the
 * caller's own context: only the list of member names is shared.
 */
export function installMemberNamesPerQueryShape(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.applyRowLevelSecurity;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no applyRowLevelSecurity: member names cannot be kept per query shape');
  compilerApiPrototype.applyRowLevelSecurity = function applyRowLevelSecurityByShape(query, evaluatedQuery, context) {
    const shape = queryShape(evaluatedQuery);
    if (shape === undefined) return original.call(this, query, evaluatedQuery, context);
    const memberNamesOnly = async (sqlQuery: QueryObject, options?: Record<string, unknown>): Promise<SqlAnswer> => {
      if (sqlQuery !== evaluatedQuery) return this.getSql(sqlQuery, options);
      return { memberNames: await memberNamesFor(this, evaluatedQuery, shape, options) };
    };
    // Only getSql is answered differently; everything else (and every write) reaches Cube's own object.
    const withShapeCache = new Proxy(this, {
      get: (target, property) => (property === 'getSql' ? memberNamesOnly : Reflect.get(target, property)),
    });
    return original.call(withShapeCache, query, evaluatedQuery, context);
  };
  compilerApiPrototype[INSTALLED] = true;
}

async function memberNamesFor(api: CompilerApiInternals, query: QueryObject, shape: string, options?: Record<string, unknown>): Promise<readonly string[]> {
  const compilers = await api.getCompilers({ requestId: query.requestId });
  let byShape = memberNamesByModel.get(compilers);
  if (!byShape) {
    byShape = new Map();
    memberNamesByModel.set(compilers, byShape);
  }
  let names = byShape.get(shape);
  if (!names) {
    if (byShape.size >= MAX_SHAPES_PER_MODEL) byShape.clear();
    names = api.getSql(query, options).then((sql) => sql.memberNames);
    byShape.set(shape, names);
    names.catch(() => byShape.delete(shape));
  }
  return names;
}
