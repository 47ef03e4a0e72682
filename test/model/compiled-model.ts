import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { describeModel } from '../../src/model/describe-model';

const ROOT = join(__dirname, '..', '..');

let described: ReturnType<typeof describeModel> | undefined;

/**
 * The model compiled by Cube's schema compiler in a process of its own, as the
 * server runs it (under tsx, with Cube's transpiler workers), summarized as data.
 */
export function compiledModel(): ReturnType<typeof describeModel> {
  described ??= promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/describe-model.ts'], { cwd: ROOT, maxBuffer: 64 << 20 })
    .then(({ stdout }) => JSON.parse(stdout));
  return described;
}

export async function compiledCube(name: string) {
  const cube = (await compiledModel()).cubes.find((candidate) => candidate.name === name);
  if (!cube) throw new Error(`the model has no cube or view ${name}`);
  return cube;
}

export const VIEWS = ['users', 'fulfillment', 'fines_and_fees', 'resource_sharing'] as const;
export const CUBES = ['user_details', 'loans', 'fines_fees', 'borrowing_requests'] as const;
