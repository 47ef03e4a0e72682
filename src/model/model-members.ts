/** A view folder: members by name, or nested folders. */
export interface ModelFolder {
  readonly name: string;
  readonly includes: readonly (string | ModelFolder)[];
}

/** The parts of a cube or view definition that name its members. */
export interface ModelDefinition {
  readonly dimensions?: Readonly<Record<string, unknown>>;
  readonly measures?: Readonly<Record<string, unknown>>;
  readonly segments?: Readonly<Record<string, unknown>>;
  readonly folders?: readonly ModelFolder[];
  readonly cubes?: readonly { readonly includes: '*' | readonly (string | { readonly name: string; readonly alias?: string })[] }[];
}

/**
 * Names of the members a cube or view exposes. Views must list their members:
 * `includes: '*'` would let a member added to a cube later appear in a view
 * without anyone deciding who may see it.
 */
export function modelMembers(definition: ModelDefinition): string[] {
  if (definition.cubes) {
    return definition.cubes.flatMap((entry) => {
      if (entry.includes === '*') throw new Error('a view must list the members it includes, not "*"');
      return entry.includes.map((item) => (typeof item === 'string' ? item : item.alias ?? item.name));
    });
  }
  return [definition.dimensions, definition.measures, definition.segments].flatMap((members) => Object.keys(members ?? {}));
}
