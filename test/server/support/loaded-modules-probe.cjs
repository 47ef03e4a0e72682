// Preloaded into the compiled server by compiled-production-start.slow.test.ts (NODE_OPTIONS=--require):
// when the process exits, it writes what it ran with and every CommonJS module it loaded, so the test
// can prove that no TypeScript and no TypeScript loader (tsx) was part of it.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.ALMA_LOADED_MODULES_FILE, JSON.stringify({
    execArgv: process.execArgv,
    typeScriptExtension: Object.hasOwn(require.extensions, '.ts'),
    modules: Object.keys(require.cache),
  }));
});
