// npm run validate: compiles model/ with Cube's schema compiler, prints each
// error as model/<file>:<line>: <message>, and exits non-zero when there is any.
// `npm run validate -- <folder>` checks another model folder (next to model/, so
// the model files' require('../src/...') still resolves).
import { join, relative, resolve } from 'node:path';
import { compileModel } from '../src/model/compile-model';
import { modelErrors } from '../src/model/model-errors';
import { MODEL_FOLDER, ModelRepository } from '../src/model/model-repository';

async function main(folder = MODEL_FOLDER): Promise<number> {
  const errors = await modelErrors(folder);
  for (const error of errors) {
    console.error(`${relative(process.cwd(), join(folder, error.fileName))}:${error.line}: ${error.message}`);
  }
  if (errors.length > 0) {
    console.error(`\n${errors.length} error(s) in the model.`);
    return 1;
  }
  const { cubeEvaluator } = await compileModel(new ModelRepository(folder));
  const names = cubeEvaluator.cubeNames();
  const views = names.filter((name) => cubeEvaluator.cubeFromPath(name).isView);
  console.log(`The model is valid: ${names.length - views.length} cubes, ${views.length} views (${views.join(', ')}).`);
  return 0;
}

main(process.argv[2] ? resolve(process.argv[2]) : undefined).then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
