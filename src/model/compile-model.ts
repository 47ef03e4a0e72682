import { prepareCompiler } from '@cubejs-backend/schema-compiler';
import { ModelRepository } from './model-repository';

/** A compile error of the model, with the file (relative to model/) and line when Cube knows them. */
export interface ModelError {
  readonly fileName?: string;
  readonly lineNumber?: number;
  readonly message: string;
}

/**
 * Compiles the data model the way the Cube server does, without a database.
 * Resolves with Cube's compilers and the errors (empty when the model is valid).
 */
export async function compileModel(repository = new ModelRepository()) {
  // omitErrors keeps every error in the reporter instead of throwing them as one message.
  const options = { allowNodeRequire: true, omitErrors: true } as Parameters<typeof prepareCompiler>[1];
  const compilers = prepareCompiler(repository, options);
  await compilers.compiler.compile();
  const reporter = (compilers.compiler as unknown as { errorsReporter?: { getErrors(): ModelError[] } }).errorsReporter;
  return { ...compilers, errors: reporter?.getErrors() ?? [] };
}
