import type { VisibleMembers } from './visible-members';

type Item = Record<string, unknown> & { name?: string };

/** One cube or view of Cube's meta config. */
export interface MetaCube {
  readonly config: Record<string, unknown> & { readonly name: string };
}

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
  const { aliasMember, drillMembers, drillMembersGrouped, ...rest } = item;
  const keep = (names: unknown) => (Array.isArray(names) ? names.filter((name) => visible.members.has(String(name))) : []);
  return {
    ...rest,
    ...(showsCubes && aliasMember !== undefined ? { aliasMember } : {}),
    ...(Array.isArray(drillMembers) ? { drillMembers: keep(drillMembers) } : {}),
    ...(drillMembersGrouped && typeof drillMembersGrouped === 'object'
      ? { drillMembersGrouped: Object.fromEntries(Object.entries(drillMembersGrouped).map(([kind, names]) => [kind, keep(names)])) }
      : {}),
  };
}

/**
 * Cube's meta config cut to what one caller may query: only cubes and views of
 * the visible set, only visible members, without `aliasMember` (it names the
 * cube behind a view) unless the caller may query cubes, and with folders,
 * hierarchies and drill members cut to the set. /meta and the GraphQL schema
 * are built from it.
 */
export function metaOfVisibleMembers<Cube extends MetaCube>(cubes: readonly Cube[], visible: VisibleMembers, showsCubes: boolean): Cube[] {
  const keep = (list: unknown) => (Array.isArray(list)
    ? (list as Item[]).filter((item) => visible.members.has(String(item.name))).map((item) => visibleItem(item, visible, showsCubes))
    : list);
  return cubes.filter((cube) => visible.cubes.has(cube.config.name)).map((cube) => ({
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
}
