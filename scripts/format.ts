// npm run format -- <file>...: Biome's formatter on the files given, and only those
// (biome.jsonc says why the whole tree is not reformatted).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCommand, UsageError } from '../src/cli/run-command';

runCommand('usage: npm run format -- <file>...', async () => {
  const files = process.argv.slice(2);
  if (files.length === 0 || files.some((file) => file.startsWith('-'))) throw new UsageError('name the files to format');
  const biome = join(__dirname, '..', 'node_modules', '.bin', 'biome');
  const result = spawnSync(biome, ['format', '--write', '--', ...files], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`biome format exited with ${result.status ?? result.signal}`);
});
