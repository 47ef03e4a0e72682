// tsx scripts/describe-model.ts: compiles model/ as the server does and prints it as
// one line of JSON (cubes, views, members, policies, rollups). The model tests read it
// from a process of their own, where Cube's transpiler workers run as in the server.
import { runCommand, UsageError } from '../src/cli/run-command';
import { describeModel } from '../src/model/describe-model';

runCommand('usage: tsx scripts/describe-model.ts', async () => {
  if (process.argv.length > 2) throw new UsageError(`unexpected arguments: ${process.argv.slice(2).join(' ')}`);
  process.stdout.write(JSON.stringify(await describeModel()));
});
