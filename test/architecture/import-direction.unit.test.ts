import { describe, expect, it } from 'vitest';
import { cycles, importGraph, reachableFrom, sourceFiles } from './import-graph';

/**
 * Layers, lowest first: a folder may import its own layer's folders and lower ones, never a
 * higher one (docs/ARCHITECTURE.md says what each owns). Imports point one way:
 * entry points -> areas -> shared foundations. A new folder must be placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Shared foundations that know nothing of the project: the field list, the data folder, ports, the command runner; history and seed data.
  ['src/user-details', 'src/data-folder', 'src/net', 'src/cli', 'migrations', 'seeds'],
  // The privacy config (over the field list) and local secrets.
  ['src/privacy', 'src/secrets'],
  // Tokens and the security context.
  ['src/auth'],
  // The model's generators and the database: schema, lifecycle, drift.
  ['src/model', 'src/db'],
  // What the model and the data are allowed to show, and how data is made and unmade.
  ['src/boundary', 'src/disclosure', 'src/seed', 'src/anonymize'],
  // Cube itself, started and patched; the privacy report over the data.
  ['src/cube', 'src/privacy-report'],
  // The entries beside REST: the SQL API and the dashboard.
  ['src/sql-api', 'src/dashboard'],
  // Stand-ins for Cube's native module (it registers the SQL API) and Cube Store; the benchmarks.
  ['src/native', 'src/cubestore-stub', 'src/bench'],
  // Entry points: command lines, Cube's config file, the model files Cube loads.
  ['scripts', 'cube.js', 'model'],
];

function areaOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : `src/${parts[1]!.replace(/\.\w+$/, '')}`;
  return parts[0]!;
}

const levelOf = new Map(LAYERS.flatMap((areas, level) => areas.map((area) => [area, level] as const)));
const PRODUCT = ['src', 'scripts', 'migrations', 'seeds', 'model', 'cube.js'];

describe('imports', () => {
  const graph = importGraph(sourceFiles(PRODUCT));

  it('come from folders placed in a layer', () => {
    const unplaced = [...new Set([...graph.keys()].map(areaOf))].filter((area) => !levelOf.has(area));
    expect(unplaced, 'add the new folder to LAYERS and to docs/ARCHITECTURE.md').toEqual([]);
  });

  it('never point from a lower layer to a higher one', () => {
    const upward = [...graph].flatMap(([file, targets]) => targets
      .filter((target) => (levelOf.get(areaOf(target)) ?? 0) > (levelOf.get(areaOf(file)) ?? 0))
      .map((target) => `${file} (${areaOf(file)}) imports ${target} (${areaOf(target)})`));
    expect(upward).toEqual([]);
  });

  it('form no cycle between files', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('form no cycle between folders', () => {
    const areas = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = areaOf(file);
      const to = areas.get(from) ?? [];
      for (const target of targets) if (areaOf(target) !== from && !to.includes(areaOf(target))) to.push(areaOf(target));
      areas.set(from, to);
    }
    expect(cycles(areas).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});

// A unit test starts nothing: no PostgreSQL, no Cube server, no shared-server lookups.
const STARTS_SERVERS = [
  'test/support/global-setup.ts', 'test/support/cube-server.ts', 'test/support/scratch-database.ts',
  'test/hardening/support/own-database.ts', 'src/db/embedded-postgres-server.ts', 'src/db/database-server.ts',
  'src/cube/server-process.ts', 'src/cube/start-cube-server.ts',
];

describe('unit tests', () => {
  const files = sourceFiles(['src', 'scripts', 'migrations', 'seeds', 'model', 'cube.js', 'test']);
  const graph = importGraph(files);
  it.each(files.filter((file) => file.endsWith('.unit.test.ts')))('%s imports nothing that starts a server', (file) => {
    expect([...reachableFrom(graph, file)].filter((reached) => STARTS_SERVERS.includes(reached))).toEqual([]);
  });
});
