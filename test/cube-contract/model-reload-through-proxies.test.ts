import { createHash } from 'node:crypto';
import { CompilerApi } from '@cubejs-backend/server-core';
import { describe, expect, it } from 'vitest';
import { installModelReloadAtMostOnceASecond } from '../../src/cube/patches/model-reload-at-most-once-a-second';

// Cube 1.7.43's CompilerApi (loaded with its native module, hence an integration test) under fast reload reads the model folder on every getCompilers call. The
// patch limits that to once a second per CompilerApi, including calls that reach it through a Proxy of
// the instance (member-names-per-query-shape.ts calls applyRowLevelSecurity on one, a new one per request).
const shippedGetCompilers = CompilerApi.prototype.getCompilers;

const FILES = [{ fileName: 'cubes/a.yml', content: 'cubes: []' }];

function compilerApiCountingReads() {
  const repository = { reads: 0, async dataSchemaFiles() { this.reads += 1; return FILES; }, localPath: () => '/nowhere' };
  const api = new CompilerApi(repository as never, (() => 'postgres') as never, { devServer: true } as never) as any;
  // The model as if compiled from FILES already: Cube's own version string, so nothing compiles here.
  const compilers = { compilerId: 'compiled' };
  api.compilers = Promise.resolve(compilers);
  api.compilerVersion = `default_schema_version_${createHash('md5').update(JSON.stringify(FILES)).digest('hex')}`;
  return { api, repository, compilers };
}

describe('model reload at most once a second', () => {
  it('reads the files on each call in Cube as shipped (what the patch is for)', async () => {
    const { api, repository, compilers } = compilerApiCountingReads();
    for (let call = 0; call < 3; call += 1) expect(await shippedGetCompilers.call(api)).toBe(compilers);
    expect(repository.reads).toBe(3);
  });

  it('reads the files once for many calls within a second, directly and through a new Proxy each time', async () => {
    installModelReloadAtMostOnceASecond();
    const { api, repository, compilers } = compilerApiCountingReads();
    expect(await api.getCompilers()).toBe(compilers);
    for (let call = 0; call < 20; call += 1) {
      const proxy = new Proxy(api, { get: (target, property) => Reflect.get(target, property) });
      expect(await proxy.getCompilers()).toBe(compilers);
      expect(await api.getCompilers()).toBe(compilers);
    }
    expect(repository.reads).toBe(1);
  });

  it('looks at the files again once a second has passed', async () => {
    installModelReloadAtMostOnceASecond();
    const { api, repository } = compilerApiCountingReads();
    await api.getCompilers();
    api[Symbol.for('alma.model-reload-last-check')] -= 1001;
    await new Proxy(api, {}).getCompilers();
    expect(repository.reads).toBe(2);
  });
});
