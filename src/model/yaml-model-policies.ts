import { parse } from 'yaml';

type ModelFile = { fileName: string; content: string };

const JOIN_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const YAML_FILE = /\.ya?ml$/;
// Cube's own test for a templated YAML file.
const JINJA = /\{%|%\}|\{\{|\}\}/;

/** A model file that fails to compile with `message`, reported against the original file. */
function refusal(file: ModelFile, message: string): ModelFile {
  return { fileName: `${file.fileName}.js`, content: `throw new Error(${JSON.stringify(`${file.fileName}: ${message}`)});\n` };
}

/** The view definition as JavaScript source, with `join_path` as the reference Cube expects. */
function viewSource(view: Record<string, unknown>): string {
  const paths: string[] = [];
  const cubes = Array.isArray(view.cubes) ? view.cubes : [];
  const withMarkers = {
    ...view,
    cubes: cubes.map((entry: Record<string, unknown>) => {
      const path = String(entry.join_path ?? entry.joinPath ?? '');
      if (!JOIN_PATH.test(path)) throw new Error(`join_path "${path}" is not a cube path`);
      paths.push(path);
      const { joinPath: _ignored, ...rest } = entry;
      return { ...rest, join_path: `\u0000${paths.length - 1}\u0000` };
    }),
  };
  return JSON.stringify(withMarkers, null, 2).replace(/"\\u0000(\d+)\\u0000"/g, (_, index: string) => paths[Number(index)]!);
}

/**
 * Views are where Cube applies access policies, and a view without any shows
 * every member it lists to everyone. So every view gets the policies of
 * model/privacy.yml however it is written: a YAML view is compiled as the
 * JavaScript view it describes, wrapped in `withAccessPolicies`. What cannot be
 * given policies that way is refused with a message naming the file: YAML
 * cubes, Jinja-templated model files, and hand-written `access_policy`.
 */
export function withPrivacyPolicies(file: ModelFile): ModelFile {
  if (!YAML_FILE.test(file.fileName)) return file;
  if (JINJA.test(file.content)) {
    return refusal(file, 'Jinja model files cannot be given the access policies of model/privacy.yml; write the view in plain YAML or JavaScript');
  }
  let document: unknown;
  try {
    document = parse(file.content);
  } catch {
    return file; // Cube reports YAML syntax errors itself, with their lines.
  }
  if (!document || typeof document !== 'object') return file;
  const { cubes, views } = document as { cubes?: unknown; views?: unknown };
  if (cubes) {
    return refusal(file, 'cubes written in YAML get no access policies from model/privacy.yml; write the cube in JavaScript with withAccessPolicies (docs/MODEL.md)');
  }
  if (!Array.isArray(views)) return file;
  try {
    const definitions = views.map((view: Record<string, unknown>) => {
      const { name, access_policy: accessPolicy, accessPolicy: camelPolicy, ...definition } = view;
      if (typeof name !== 'string' || !/^[A-Za-z_]\w*$/.test(name)) throw new Error(`a view needs a snake_case name, not ${JSON.stringify(name)}`);
      if (accessPolicy !== undefined || camelPolicy !== undefined) {
        throw new Error(`view ${name}: access_policy is generated from model/privacy.yml; remove it`);
      }
      return `view(${JSON.stringify(name)}, withAccessPolicies(${viewSource(definition)}));`;
    });
    return {
      fileName: `${file.fileName}.js`,
      content: [
        `// ${file.fileName}, compiled with the access policies of model/privacy.yml.`,
        "const { withAccessPolicies } = require('../src/model/access-policy');",
        ...definitions,
        '',
      ].join('\n'),
    };
  } catch (error) {
    return refusal(file, (error as Error).message);
  }
}

/** The original file a model file came from (`views/x.yml` for `views/x.yml.js`). */
export function originalModelFileName(fileName: string): string {
  return fileName.replace(/(\.ya?ml)\.js$/, '$1');
}
