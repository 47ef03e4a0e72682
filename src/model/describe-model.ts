import { compileModel } from './compile-model';
import type { ModelRepository } from './model-repository';

/** A compiled cube or view, as plain data. */
export interface ModelSummary {
  readonly name: string;
  readonly isView: boolean;
  readonly isVisible: boolean;
  readonly dimensions: Record<string, { title?: string; type: string; primaryKey?: boolean; hasMask: boolean }>;
  readonly measures: Record<string, { title?: string; type: string; hasMask: boolean }>;
  readonly segments: readonly string[];
  readonly policies: readonly { group: string; visible: readonly string[]; masked: readonly string[]; rowFilterMembers: readonly string[] }[];
  /** View members and the cube members they come from. */
  readonly includedMembers: readonly { name: string; memberPath: string }[];
  readonly folders: readonly { name: string; members: readonly string[] }[];
  readonly preAggregations: Record<string, { external?: boolean; hasRefreshKey: boolean; indexes: readonly string[] }>;
}

const short = (path: string) => path.split('.').pop()!;

/**
 * The compiled model as plain data (for tests and tools that run outside the
 * process that compiles it): errors, and per cube and view its members, their
 * masks, the access policies as Cube evaluated them, folders and rollups.
 */
export async function describeModel(repository?: ModelRepository) {
  const { errors, cubeEvaluator, metaTransformer } = await compileModel(repository);
  const meta = new Map(metaTransformer.cubes.map((cube: any) => [cube.config.name, cube.config]));
  const cubes: ModelSummary[] = cubeEvaluator.cubeNames().map((name: string) => {
    const cube = cubeEvaluator.cubeFromPath(name) as any;
    const config = meta.get(name) as any;
    const members = (kind: Record<string, any>, extra: (member: any) => object) =>
      Object.fromEntries(Object.entries(kind ?? {}).map(([key, member]) => [key, { title: member.title, type: member.type, hasMask: member.mask !== undefined, ...extra(member) }]));
    return {
      name,
      isView: Boolean(cube.isView),
      isVisible: Boolean(config?.isVisible),
      dimensions: members(cube.dimensions, (member) => ({ primaryKey: member.primaryKey })),
      measures: members(cube.measures, () => ({})),
      segments: Object.keys(cube.segments ?? {}),
      policies: (cube.accessPolicy ?? []).map((policy: any) => ({
        group: policy.group,
        visible: (policy.memberLevel?.includesMembers ?? []).filter((member: string) => !policy.memberLevel.excludesMembers.includes(member)).map(short),
        masked: (policy.memberMasking?.includesMembers ?? []).map(short),
        rowFilterMembers: (policy.rowLevel?.filters ?? []).map((filter: any) => filter.memberReference),
      })),
      includedMembers: (cube.includedMembers ?? []).map((member: any) => ({ name: member.name, memberPath: member.memberPath })),
      folders: config?.folders ?? [],
      preAggregations: Object.fromEntries(Object.entries(cube.preAggregations ?? {}).map(([key, rollup]: [string, any]) => [
        key, { external: rollup.external, hasRefreshKey: rollup.refreshKey !== undefined, indexes: Object.keys(rollup.indexes ?? {}) },
      ])),
    };
  });
  return { errors, cubes };
}
