import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

const SOURCE = /\.(ts|mts|js)$/;
// Static imports and re-exports (`import type` too: a type-only cycle is still a cycle of meaning),
// require() and import() with a literal path.
const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Every source file under `folders` (relative to the root), skipping built and installed code. */
export function sourceFiles(folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(join(ROOT, path))) return;
    if (statSync(join(ROOT, path)).isFile()) {
      if (SOURCE.test(path)) files.push(path);
      return;
    }
    for (const entry of readdirSync(join(ROOT, path))) {
      if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
      walk(join(path, entry));
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/**
 * The project files `file` imports. Model files are loaded by Cube as if they sat in
 * model/ itself (src/model/model-repository.ts), so their paths resolve from there.
 */
export function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const from = file.startsWith('model/') ? 'model' : dirname(file);
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1]!;
    if (!spec.startsWith('.')) continue;
    const base = normalize(join(from, spec));
    const target = [base, `${base}.ts`, `${base}.js`, `${base}.mts`, join(base, 'index.ts'), join(base, 'index.js')].find((candidate) => known.has(candidate));
    if (target) targets.push(target);
  }
  return targets;
}

/** The import graph of `files`: each file with the project files it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(files.map((file) => [file, importsOf(file, known)]));
}

/** Strongly connected components with more than one node (or a self-import): the cycles. */
export function cycles<T>(graph: ReadonlyMap<T, readonly T[]>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const found: T[][] = [];
  let next = 0;
  const visit = (node: T) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: T[] = [];
      let member: T;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Files reachable from `start` in the graph (itself excluded). */
export function reachableFrom(graph: ReadonlyMap<string, readonly string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(graph.get(start) ?? [])];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...(graph.get(file) ?? []));
  }
  return seen;
}

export const relativeToRoot = (path: string) => relative(ROOT, path);
