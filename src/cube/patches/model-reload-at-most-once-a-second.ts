import { compilerApiPrototype, type Compilers } from './cube-compiler-internals';

const INSTALLED = Symbol.for('alma.model-reload-at-most-once-a-second');
const CHECK_EVERY_MS = 1000;

const lastCheckOf = new WeakMap<object, number>();

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
    const lastCheck = lastCheckOf.get(this);
    if (lastCheck !== undefined && now - lastCheck < CHECK_EVERY_MS) return this.compilers as Promise<Compilers>;
    lastCheckOf.set(this, now);
    return original.call(this, options);
  };
  compilerApiPrototype[INSTALLED] = true;
}
