/** A view folder: members by name, or nested folders. */
export interface ModelFolder {
  readonly name: string;
  readonly includes: readonly (string | ModelFolder)[];
}

type ViewInclude = string | { readonly name: string; readonly alias?: string };

/** The parts of a cube or view definition that name its members. */
export interface ModelDefinition {
  readonly dimensions?: Readonly<Record<string, unknown>>;
  readonly measures?: Readonly<Record<string, unknown>>;
  readonly segments?: Readonly<Record<string, unknown>>;
  readonly folders?: readonly ModelFolder[];
  readonly cubes?: readonly {
    readonly includes: '*' | readonly ViewInclude[];
    readonly excludes?: readonly string[];
    readonly prefix?: boolean;
    readonly alias?: string;
  }[];
}

/**
 * A member as a cube or view exposes it: `name` is what callers use, `source`
 * the member it shows (the same for cubes; for a view, the cube member behind
 * an alias or a prefix). Privacy follows the source, never the name, so that
 * renaming `first_name` in a view does not make it general.
 */
export interface ModelMember {
  readonly name: string;
  readonly source: string;
}

/**
 * The members a cube or view exposes. Views must list their members:
 * `includes: '*'` would let a member added to a cube later appear in a view
 * without anyone deciding who may see it.
 */
export function modelMembers(definition: ModelDefinition): ModelMember[] {
  if (definition.cubes) {
    return definition.cubes.flatMap((entry) => {
      if (entry.includes === '*') throw new Error('a view must list the members it includes, not "*"');
      if (entry.prefix && !entry.alias) throw new Error('a view that prefixes member names must give the cube an alias');
      const prefix = entry.prefix ? `${entry.alias}_` : '';
      return entry.includes
        .map((item) => (typeof item === 'string'
          ? { name: `${prefix}${item}`, source: item }
          : { name: item.alias ?? `${prefix}${item.name}`, source: item.name }))
        .filter((member) => !entry.excludes?.includes(member.source));
    });
  }
  return [definition.dimensions, definition.measures, definition.segments]
    .flatMap((members) => Object.keys(members ?? {}))
    .map((name) => ({ name, source: name }));
}
