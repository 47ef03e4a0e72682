import { Script } from 'node:vm';
import { compileModel, type ModelError } from './compile-model';
import { lineOfModelError } from './locate-model-error';
import { ModelRepository } from './model-repository';
import { originalModelFileName } from './yaml-model-policies';
import { readYamlViews, type YamlViews } from './yaml-view-findings';

/** A model error placed in its file and line (the file relative to the model folder). */
export interface PlacedModelError {
  readonly fileName: string;
  readonly line: number;
  readonly message: string;
}

type ModelFile = { fileName: string; content: string };

/** Which file defines each cube or view, from `cube('name'`, `view('name'` and YAML `- name:` entries. */
function definingFiles(files: readonly ModelFile[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const file of files) {
    const pattern = file.fileName.endsWith('.js') ? /\b(?:cube|view)\(\s*['"`]([A-Za-z_]\w*)/g : /^ {0,2}- name:\s*([A-Za-z_]\w*)/gm;
    for (const match of file.content.matchAll(pattern)) byName.set(match[1]!, file.fileName);
  }
  return byName;
}

/** Syntax errors of the JavaScript model files, with their lines (Cube reports them without a file). */
function syntaxErrors(files: readonly ModelFile[]): PlacedModelError[] {
  return files.filter((file) => file.fileName.endsWith('.js')).flatMap((file) => {
    try {
      new Script(file.content, { filename: file.fileName });
      return [];
    } catch (error) {
      const line = Number(/:(\d+)\n/.exec(String((error as Error).stack))?.[1] ?? 1);
      return [{ fileName: file.fileName, line, message: `Syntax error: ${(error as Error).message}` }];
    }
  });
}

/**
 * Every error of the model in `folder`, each with its file and line: syntax
 * errors first (Cube stops at them), then what Cube's schema compiler reports.
 */
export async function modelErrors(folder?: string): Promise<PlacedModelError[]> {
  return (await checkModel(folder)).errors;
}

/**
 * Compiles the model in `folder` once: its placed errors, and Cube's compilers
 * (absent when a syntax error stopped the compile before it began).
 */
export async function checkModel(folder?: string): Promise<{
  errors: PlacedModelError[];
  compiled?: Awaited<ReturnType<typeof compileModel>>;
}> {
  const repository = new ModelRepository(folder);
  const files = await repository.dataSchemaFiles();
  const syntax = syntaxErrors(files);
  if (syntax.length > 0) return { errors: syntax };
  const compiled = await compileModel(repository);
  const views = readYamlViews(repository.localPath(), files.map((file) => originalModelFileName(file.fileName)));
  const slips = views.indentationSlips.map((slip) => ({ fileName: slip.fileName, line: slip.line, message: slip.message }));
  return { errors: [...slips, ...placed(compiled.errors, files, repository, views)], compiled };
}

/**
 * Errors the model's own rules throw while Cube evaluates a view come without
 * a file: the "*" rule and a group's row rule (a view without the campus the
 * dashboard group is limited by). They are placed at the YAML view that breaks
 * them, named in the message.
 */
function placeRuleError(error: ModelError, views: YamlViews): PlacedModelError[] | undefined {
  if (/must list the members it includes, not "\*"/.test(error.message) && views.starIncludes.length > 0) {
    return views.starIncludes.map((finding) => ({ fileName: finding.fileName, line: finding.line, message: `${finding.message}: ${error.message}` }));
  }
  const rowRule = /limits rows on (\w+), which this cube or view does not have/.exec(error.message);
  const without = rowRule ? views.viewsWithout(rowRule[1]!) : [];
  if (without.length > 0) {
    return without.map((finding) => ({
      fileName: finding.fileName,
      line: finding.line,
      message: `${finding.message}: ${error.message}. Add ${rowRule![1]} to the view's includes (docs/MODEL.md, "The campus rule")`,
    }));
  }
  return undefined;
}

function placed(errors: readonly ModelError[], files: readonly ModelFile[], repository: ModelRepository, views: YamlViews): PlacedModelError[] {
  const files_ = definingFiles(files);
  return errors.flatMap((error: ModelError) => {
    if (!error.fileName) {
      const rule = placeRuleError(error, views);
      if (rule) return rule;
    }
    const named = /^([A-Za-z_]\w*) (?:cube|view)\b/.exec(error.message)?.[1];
    const fileName = error.fileName ?? (named ? files_.get(named) : undefined) ?? '';
    const original = originalModelFileName(fileName);
    return [{ fileName: original, line: lineOfModelError({ ...error, fileName: original }, repository.localPath()), message: error.message }];
  });
}
