// The per-shape compile's values: where a shape's compiled answer holds the mark of each filter value, and the
// answer for new values made from it (sql-per-query-shape.ts).
import type { SqlAnswer } from './cube-compiler-internals';
import { MARK } from './query-shape';

type Step = string | number;

/** Where value number `index` goes in a compiled answer. */
export interface MarkAt {
  readonly path: readonly Step[];
  readonly index: number;
}

/** A shape's compiled answer, with a mark for each value, and where the marks are. */
export interface Template {
  readonly answer: SqlAnswer;
  readonly marks: readonly MarkAt[];
}

/**
 * Where each mark sits in `answer`: every string that holds one must be one,
 * whole, inside plain objects and arrays. Undefined when a mark appears in any
 * other form (inside SQL text, changed in case, wrapped in %, in a Set, Map or
 * other object), since such an answer cannot take other values by swapping.
 */
export function marksIn(answer: unknown): MarkAt[] | undefined {
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
export function answerWith(template: Template, values: readonly string[]): SqlAnswer | undefined {
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
