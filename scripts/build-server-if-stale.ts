// Before npm start in production: runs npm run build when dist/server is missing or older
// than any source it is built from, so a fresh clone or an edited file never serves stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist', 'server', '.built');
const SOURCES = ['cube.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'migrations', 'seeds'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((source) => newestChange(join(ROOT, source))));
if (changedAt > builtAt) {
  process.stderr.write(builtAt === 0 ? 'build: compiling the server (npm run build)\n' : 'build: sources changed since the last build; compiling the server again\n');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
