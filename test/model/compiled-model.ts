import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import type { compileModel as CompileModel } from '../../src/model/compile-model';

// Cube (and our stand-in for its native module) is loaded with Node's own require,
// as the server loads it; tsx lets that require read the TypeScript generators.
register();
const nodeRequire = createRequire(__filename);

let compiled: ReturnType<typeof CompileModel> | undefined;

/** The model compiled once per test file, as the Cube server compiles it. */
export function compiledModel() {
  const { compileModel } = nodeRequire('../../src/model/compile-model') as { compileModel: typeof CompileModel };
  compiled ??= compileModel();
  return compiled;
}

export const VIEWS = ['users', 'fulfillment', 'fines_and_fees', 'resource_sharing'] as const;
export const CUBES = ['user_details', 'loans', 'fines_fees', 'borrowing_requests'] as const;
