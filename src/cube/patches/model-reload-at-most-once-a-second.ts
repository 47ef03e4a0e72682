import { compilerApiPrototype, type Compilers } from './cube-compiler-internals';

const INSTALLED = Symbol.for('alma.model-reload-at-most-once-a-second');
const CHECK_EVERY_MS = 1000;

// Kept on the CompilerApi itself, not in a WeakMap keyed by `this`: other patches call
// getCompilers through a Proxy of the instance (a new one per request), and a key of the
// proxy missed every time, so every call read the model folder again. Reads and writes of
// a property pass through such a proxy to the instance.
const LAST_CHECK = Symbol.for('alma.model-reload-last-check');
type WithLastCheck = { [LAST_CHECK]?: number };

/**
 * With fast reload (development), Cube's getCompilers reads and hashes every
 * model file on each call, and a request calls it several times. Here the
 * files are looked at most once a second per compiler: a saved change is
 * served within a second, and requests in between reuse the model compiled
 * from the files last looked at. Production (no fast reload) compiles once
 * and is left as it is.
 */
export function installModelReloadAtMostOnceASecond(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.getCompilers;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no getCompilers: model reloads cannot be limited to one check a second');
  compilerApiPrototype.getCompilers = function getCompilersCheckingFilesOnceASecond(options) {
    const reloadsOnChange = this.options?.fastReload || this.options?.devServer;
    // A schemaVersion function may change the version on any call: Cube's own check each time.
    if (!reloadsOnChange || this.schemaVersion || !this.compilers) return original.call(this, options);
    const now = Date.now();
    const self = this as unknown as WithLastCheck;
    const lastCheck = self[LAST_CHECK];
    if (lastCheck !== undefined && now - lastCheck < CHECK_EVERY_MS) return this.compilers as Promise<Compilers>;
    self[LAST_CHECK] = now;
    return original.call(this, options);
  };
  compilerApiPrototype[INSTALLED] = true;
}
