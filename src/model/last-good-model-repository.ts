import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { modelErrors, type PlacedModelError } from './model-errors';
import { ModelRepository } from './model-repository';
import { recordModelReloadStatus } from './model-reload-status';

type ModelFile = { fileName: string; content: string };

function hashOf(files: readonly ModelFile[]): string {
  return createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

const write = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The model repository Cube reads, keeping the last good model when a change
 * breaks it. Cube's fast reload recompiles when the files change and, on a
 * compile error, drops the model it had: every request fails until the file is
 * fixed. This repository checks each new version of the files first (the same
 * check as `npm run validate`) and hands Cube the new files only when they
 * compile; otherwise it logs each error as `<folder>/<file>:<line>: <message>`
 * and keeps handing Cube the last good files. The very first version is
 * passed on as it is, so a broken model still fails at startup.
 */
export class LastGoodModelRepository extends ModelRepository {
  private lastGood: { hash: string; files: ModelFile[] } | undefined;
  private rejected: string | undefined;
  private checking: Promise<ModelFile[]> | undefined;
  private servingSince: string | undefined;

  constructor(private readonly modelFolder: string, private readonly log: (line: string) => void = write) {
    super(modelFolder);
  }

  override async dataSchemaFiles(includeDependencies = false): Promise<ModelFile[]> {
    const files = await super.dataSchemaFiles(includeDependencies);
    const hash = hashOf(files);
    if (this.lastGood?.hash === hash) return this.lastGood.files;
    if (this.rejected === hash) return this.lastGood?.files ?? files;
    // One check at a time: requests arriving meanwhile wait for its answer.
    this.checking ??= this.check(files, hash, includeDependencies).finally(() => { this.checking = undefined; });
    return this.checking;
  }

  private async check(files: ModelFile[], hash: string, includeDependencies: boolean): Promise<ModelFile[]> {
    const errors = await modelErrors(this.modelFolder);
    const now = await super.dataSchemaFiles(includeDependencies);
    // The files changed while they were checked: check the newer ones.
    if (hashOf(now) !== hash) return this.check(now, hashOf(now), includeDependencies);
    if (errors.length === 0) {
      if (this.lastGood) this.log(`model: ${this.folderName()} changed and compiles; serving the new model`);
      this.lastGood = { hash, files };
      this.servingSince = new Date().toISOString();
      this.rejected = undefined;
      this.record(errors, false);
      return files;
    }
    this.rejected = hash;
    for (const error of errors) this.log(`model error: ${this.folderName()}/${error.fileName}:${error.line}: ${error.message}`);
    this.record(errors, Boolean(this.lastGood));
    if (!this.lastGood) return files;
    this.log(`model: ${errors.length} error(s) in ${this.folderName()}; still serving the last good model`);
    return this.lastGood.files;
  }

  private folderName(): string {
    return relative(process.cwd(), this.modelFolder) || '.';
  }

  private record(errors: readonly PlacedModelError[], servingLastGood: boolean): void {
    recordModelReloadStatus({
      folder: this.folderName(),
      errors,
      servingLastGood,
      ...(this.servingSince ? { servingSince: this.servingSince } : {}),
    });
  }
}
