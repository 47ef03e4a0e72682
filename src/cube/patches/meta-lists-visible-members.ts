import { ApiGateway } from '@cubejs-backend/api-gateway';
import { can } from '../../auth/security-context';
import { visibleMembersIn, type CompiledCube, type VisibleMembers } from '../../boundary/visible-members';

type Item = Record<string, unknown> & { name?: string };
type MetaCube = { config: Record<string, unknown> & { name: string } };

const INSTALLED = Symbol.for('alma.meta-lists-visible-members');

/** Folder entries: member names, or nested folders with their own entries. */
function keepVisibleEntries(entries: unknown, visible: VisibleMembers): unknown {
  if (!Array.isArray(entries)) return entries;
  return entries
    .map((entry) => (typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? keepVisibleFolder(entry as Item, visible) : entry))
    .filter((entry) => (typeof entry === 'string' ? visible.members.has(entry) : entry !== undefined));
}

function keepVisibleFolder(folder: Item, visible: VisibleMembers): Item {
  return { ...folder, members: keepVisibleEntries(folder.members, visible), ...(folder.includes ? { includes: keepVisibleEntries(folder.includes, visible) } : {}) };
}

/** A member as the caller may see it: no alias naming the cube behind a view, no drill path to a member it may not see. */
function visibleItem(item: Item, visible: VisibleMembers, showsCubes: boolean): Item {
  const { aliasMember: _alias, drillMembers, drillMembersGrouped, ...rest } = item;
  return {
    ...rest,
    ...(showsCubes && _alias !== undefined ? { aliasMember: _alias } : {}),
    ...(Array.isArray(drillMembers) ? { drillMembers: drillMembers.filter((name) => visible.members.has(String(name))) } : {}),
    ...(drillMembersGrouped && typeof drillMembersGrouped === 'object'
      ? { drillMembersGrouped: Object.fromEntries(Object.entries(drillMembersGrouped).map(([kind, names]) => [kind, Array.isArray(names) ? names.filter((name) => visible.members.has(String(name))) : []])) }
      : {}),
  };
}

/**
 * /meta (and its extended form) lists what the caller may query, by the same
 * visible set the boundary enforces: only its views (cubes too for groups
 * cleared for them), only visible members, without `aliasMember` naming the
 * cube behind a view, and with folders, hierarchies and drill members cut to
 * the visible set. Cube's own filter (access policies) runs first.
 */
export function installMetaListsVisibleMembers(): void {
  const prototype = ApiGateway.prototype as unknown as Record<PropertyKey, unknown> & {
    filterVisibleItemsInMeta(context: { securityContext?: unknown }, cubes: MetaCube[]): MetaCube[];
  };
  if (prototype[INSTALLED]) return;
  const original = prototype.filterVisibleItemsInMeta;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no filterVisibleItemsInMeta: /meta cannot be limited to the visible members');
  prototype.filterVisibleItemsInMeta = function listVisibleOnly(context, cubes) {
    const visible = visibleMembersIn(cubes as unknown as CompiledCube[], context?.securityContext);
    const showsCubes = can(context?.securityContext, 'query_cubes');
    const keep = (list: unknown) => (Array.isArray(list) ? (list as Item[]).filter((item) => visible.members.has(String(item.name))).map((item) => visibleItem(item, visible, showsCubes)) : list);
    const limited = cubes.filter((cube) => visible.cubes.has(cube.config.name)).map((cube) => ({
      ...cube,
      config: {
        ...cube.config,
        measures: keep(cube.config.measures),
        dimensions: keep(cube.config.dimensions),
        segments: keep(cube.config.segments),
        hierarchies: Array.isArray(cube.config.hierarchies)
          ? (cube.config.hierarchies as Item[]).filter((hierarchy) => Array.isArray(hierarchy.levels) && hierarchy.levels.every((level) => visible.members.has(String(level))))
          : cube.config.hierarchies,
        ...(Array.isArray(cube.config.folders) ? { folders: (cube.config.folders as Item[]).map((folder) => keepVisibleFolder(folder, visible)) } : {}),
        ...(Array.isArray(cube.config.nestedFolders) ? { nestedFolders: (cube.config.nestedFolders as Item[]).map((folder) => keepVisibleFolder(folder, visible)) } : {}),
      },
    }));
    return original.call(this, context, limited);
  };
  prototype[INSTALLED] = true;
}
