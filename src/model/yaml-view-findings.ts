import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A place in a YAML view file, with what is there. */
export interface ViewFinding {
  readonly fileName: string;
  readonly line: number;
  readonly view: string;
  readonly message: string;
}

/** What the YAML views of a model say about themselves, read from their parse trees with lines. */
export interface YamlViews {
  /** Views that include "*" (the model refuses it: a view lists its members). */
  readonly starIncludes: ViewFinding[];
  /** An include that reads as one member named "a - b - c": a list item indented under the one before it. */
  readonly indentationSlips: ViewFinding[];
  /** The views that do not include `member`, at their name's line. */
  viewsWithout(member: string): ViewFinding[];
}

function includedNames(includes: Node | null | undefined): { names: string[]; scalars: { value: string; offset: number }[] } {
  if (isScalar(includes)) return { names: [String(includes.value)], scalars: [] };
  if (!isSeq(includes)) return { names: [], scalars: [] };
  const scalars = includes.items.flatMap((item) => {
    const node = isMap(item) ? item.get('name', true) : item;
    return isScalar(node) && typeof node.value === 'string' ? [{ value: node.value, offset: node.range?.[0] ?? 0 }] : [];
  });
  return { names: scalars.map((scalar) => scalar.value), scalars };
}

/** Reads the YAML view files among `fileNames` (relative to `folder`). A file that does not parse is skipped: Cube reports it. */
export function readYamlViews(folder: string, fileNames: readonly string[]): YamlViews {
  const starIncludes: ViewFinding[] = [];
  const indentationSlips: ViewFinding[] = [];
  const views: { fileName: string; line: number; view: string; names: Set<string> }[] = [];
  for (const fileName of fileNames.filter((name) => /^views\/.*\.ya?ml$/.test(name))) {
    const lineCounter = new LineCounter();
    let document: ReturnType<typeof parseDocument>;
    try {
      document = parseDocument(readFileSync(join(folder, fileName), 'utf8'), { lineCounter });
    } catch {
      continue;
    }
    if (document.errors.length > 0) continue;
    const line = (offset: number) => lineCounter.linePos(offset).line;
    const list = document.get('views', true);
    if (!isSeq(list)) continue;
    for (const entry of list.items) {
      if (!isMap(entry)) continue;
      const nameNode = entry.get('name', true);
      const view = isScalar(nameNode) ? String(nameNode.value) : '(unnamed)';
      const names = new Set<string>();
      const cubes = entry.get('cubes', true);
      for (const cube of isSeq(cubes) ? cubes.items : []) {
        if (!isMap(cube)) continue;
        const includes = cube.get('includes', true) as Node | undefined;
        const read = includedNames(includes);
        read.names.forEach((name) => names.add(name));
        if (isScalar(includes) && includes.value === '*') {
          starIncludes.push({ fileName, line: line(includes.range?.[0] ?? 0), view, message: `view ${view} includes "*"` });
        }
        for (const scalar of read.scalars.filter((one) => / - /.test(one.value))) {
          indentationSlips.push({
            fileName,
            line: line(scalar.offset),
            view,
            message: `view ${view}: the include "${scalar.value}" reads as one member: the list items after "${scalar.value.split(' - ')[0]}" are indented further than it, so YAML joined them; put every "- member" of the list at the same indentation`,
          });
        }
      }
      views.push({ fileName, line: line(nameNode?.range?.[0] ?? entry.range?.[0] ?? 0), view, names });
    }
  }
  return {
    starIncludes,
    indentationSlips,
    viewsWithout: (member) => views
      .filter((one) => !one.names.has(member) && !one.names.has('*'))
      .map((one) => ({ fileName: one.fileName, line: one.line, view: one.view, message: `view ${one.view} does not include ${member}` })),
  };
}
