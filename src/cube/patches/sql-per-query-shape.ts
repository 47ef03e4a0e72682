import { compilerApiPrototype, type Compilers, type SqlAnswer } from './cube-compiler-internals';
import { MARK, sqlShapeOf } from './query-shape';

const INSTALLED = Symbol.for('alma.sql-per-query-shape');
const MAX_SHAPES_PER_MODEL = 2000;

type Template = SqlAnswer | null;

const templatesByModel = new WeakMap<Compilers, Map<string, Promise<Template>>>();

/** `answer` with each string that is a mark replaced by its value; undefined when a mark appears in any other form (inside SQL text, changed in case, wrapped in %). */
function filledIn(answer: unknown, replace: (mark: string) => string | undefined): { value: unknown; ok: boolean } {
  let ok = true;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!node.toLowerCase().includes(MARK)) return node;
      const value = replace(node);
      if (value === undefined) ok = false;
      return value ?? node;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([name, item]) => [name, walk(item)]));
    }
    // Sets, maps and other objects are passed on as they are, so they must not hold a mark.
    if (node instanceof Set || node instanceof Map) {
      if (JSON.stringify([...node.entries()]).toLowerCase().includes(MARK)) ok = false;
    } else if (node && typeof node === 'object' && (JSON.stringify(node) ?? '').toLowerCase().includes(MARK)) {
      ok = false;
    }
    return node;
  };
  const value = walk(answer);
  return { value, ok };
}

/**
 * A new filter value need not compile the query again: Cube's SQL carries
 * filter values as bind parameters, so the answer of getSql (SQL, rollup
 * match, everything) for one shape is the answer for any values, with the
 * parameters swapped. Each shape is compiled once per compiled model with a
 * distinct mark for each value; the shape is kept only when every mark comes
 * back as a whole parameter or field, untouched (otherwise Cube changed or
 * embedded the value, and such queries keep being compiled one by one). The
 * shape includes the caller's security context and row filters as Cube put
 * them in the query, so nobody's compiled SQL serves another context.
 */
export function installSqlPerQueryShape(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.getSql;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no getSql: compiled SQL cannot be kept per query shape');
  compilerApiPrototype.getSql = async function getSqlPerShape(query, options = {}) {
    const { requestId: _requestId, ...keyOptions } = options;
    // Debug, annotated or rollup-only answers, and Cube without its SQL cache, go the usual way.
    if (!this.sqlCache || Object.keys(keyOptions).length > 0) return original.call(this, query, options);
    const shape = sqlShapeOf(query);
    if (!shape) return original.call(this, query, options);
    const compilers = await this.getCompilers({ requestId: query.requestId });
    let templates = templatesByModel.get(compilers);
    if (!templates) {
      templates = new Map();
      templatesByModel.set(compilers, templates);
    }
    let template = templates.get(shape.key);
    if (!template) {
      if (templates.size >= MAX_SHAPES_PER_MODEL) templates.clear();
      template = original.call(this, shape.probe, keyOptions)
        .then((answer): Template => (filledIn(answer, (mark) => (/^zqalmashape\d+z$/.test(mark) ? mark : undefined)).ok ? answer : null));
      templates.set(shape.key, template);
      const kept = templates;
      template.catch(() => kept.delete(shape.key));
    }
    const found = await template.catch(() => null);
    if (!found) return original.call(this, query, options);
    const { value, ok } = filledIn(found, (mark) => (/^zqalmashape\d+z$/.test(mark) ? shape.values[Number(mark.slice(MARK.length, -1))] : undefined));
    if (!ok) return original.call(this, query, options);
    const { requestId: _queryRequestId, ...keyQuery } = query;
    // Kept where Cube keeps its own answers, so the same query again is found before anything is built.
    return compilers.compilerCache.getQueryCache({ query: keyQuery, options: keyOptions }).cache(['sql'], () => value as SqlAnswer);
  };
  compilerApiPrototype[INSTALLED] = true;
}
