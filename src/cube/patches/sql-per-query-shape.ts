import { compilerApiPrototype, type Compilers, type SqlAnswer } from './cube-compiler-internals';
import { MARK, sqlShapeOf } from './query-shape';

const INSTALLED = Symbol.for('alma.sql-per-query-shape');
const MAX_SHAPES_PER_MODEL = 2000;

type Step = string | number;

/** Where value number `index` goes in a compiled answer. */
interface MarkAt {
  readonly path: readonly Step[];
  readonly index: number;
}

/** A shape's compiled answer, with a mark for each value, and where the marks are. */
interface Template {
  readonly answer: SqlAnswer;
  readonly marks: readonly MarkAt[];
}

const templatesByModel = new WeakMap<Compilers, Map<string, Promise<Template | null>>>();

/**
 * Where each mark sits in `answer`: every string that holds one must be one,
 * whole, inside plain objects and arrays. Undefined when a mark appears in any
 * other form (inside SQL text, changed in case, wrapped in %, in a Set, Map or
 * other object), since such an answer cannot take other values by swapping.
 */
function marksIn(answer: unknown): MarkAt[] | undefined {
  const marks: MarkAt[] = [];
  let ok = true;
  const visit = (node: unknown, path: Step[]): void => {
    if (!ok) return;
    if (typeof node === 'string') {
      if (!node.toLowerCase().includes(MARK)) return;
      const whole = /^zqalmashape(\d+)z$/.exec(node);
      if (whole && path.length > 0) marks.push({ path, index: Number(whole[1]) });
      else ok = false;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      for (const [name, item] of Object.entries(node)) visit(item, [...path, name]);
      return;
    }
    // Sets, maps and other objects are shared as they are, so they must not hold a mark.
    if (node instanceof Set || node instanceof Map) {
      if (JSON.stringify([...node.entries()]).toLowerCase().includes(MARK)) ok = false;
    } else if (node && typeof node === 'object' && (JSON.stringify(node) ?? '').toLowerCase().includes(MARK)) {
      ok = false;
    }
  };
  visit(answer, []);
  return ok ? marks : undefined;
}

/**
 * The template's answer with each mark replaced by its value: the objects and
 * arrays on the way to a mark are copied, everything else is shared with the
 * template (Cube hands its own cached answers to every request alike, so
 * nothing downstream changes them). Undefined when a mark has no value.
 */
function answerWith(template: Template, values: readonly string[]): SqlAnswer | undefined {
  const copies = new Map<object, Record<Step, unknown>>();
  const copyOf = (node: object): Record<Step, unknown> => {
    let copy = copies.get(node);
    if (!copy) {
      copy = (Array.isArray(node) ? node.slice() : { ...node }) as Record<Step, unknown>;
      copies.set(node, copy);
    }
    return copy;
  };
  const root = copyOf(template.answer);
  for (const { path, index } of template.marks) {
    const value = values[index];
    if (value === undefined) return undefined;
    let original = template.answer as unknown as Record<Step, unknown>;
    let copy = root;
    for (const step of path.slice(0, -1)) {
      original = original[step] as Record<Step, unknown>;
      const inner = copyOf(original);
      copy[step] = inner;
      copy = inner;
    }
    copy[path[path.length - 1]!] = value;
  }
  return root as unknown as SqlAnswer;
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
      template = original.call(this, shape.probe, keyOptions).then((answer): Template | null => {
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
