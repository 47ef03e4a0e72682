import { compilerApiPrototype, type Compilers, type SqlAnswer } from './cube-compiler-internals';
import { sqlShapeOf } from './query-shape';
import { answerWith, marksIn, type Template } from './values-into-shape-answer';

const INSTALLED = Symbol.for('alma.sql-per-query-shape');
const MAX_SHAPES_PER_MODEL = 2000;

const templatesByModel = new WeakMap<Compilers, Map<string, Promise<Template | null>>>();


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
      const probe = shape.probe();
      template = !probe ? Promise.resolve(null) : original.call(this, probe, keyOptions).then((answer): Template | null => {
        const marks = marksIn(answer);
        return marks ? { answer, marks } : null;
      });
      templates.set(shape.key, template);
      const kept = templates;
      template.catch(() => kept.delete(shape.key));
    }
    const found = await template.catch(() => null);
    if (!found) return original.call(this, query, options);
    const value = answerWith(found, shape.values);
    if (!value) return original.call(this, query, options);
    const { requestId: _queryRequestId, ...keyQuery } = query;
    // Kept where Cube keeps its own answers, so the same query again is found before anything is built.
    return compilers.compilerCache.getQueryCache({ query: keyQuery, options: keyOptions }).cache(['sql'], () => value as SqlAnswer);
  };
  compilerApiPrototype[INSTALLED] = true;
}
