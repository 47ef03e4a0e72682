import { can, groupPolicyOf } from '../auth/security-context';
import { treatmentOfMember } from '../model/member-treatment';

/** How a member may be used: its kind decides where a query may name it. */
export type MemberKind = 'measure' | 'dimension' | 'segment';

export interface VisibleMember {
  /** e.g. `users.user_group` */
  readonly name: string;
  readonly kind: MemberKind;
  /** Cube's member type: `time` for time dimensions, `count`, `avg`… for measures. */
  readonly type: string;
  /** The values come through a mask for this caller (birth date to its year). */
  readonly masked: boolean;
}

/** The members, and the cubes or views holding them, one caller may name. */
export interface VisibleMembers {
  readonly members: ReadonlyMap<string, VisibleMember>;
  /** Views (and, for groups cleared for them, cubes) with at least one visible member. */
  readonly cubes: ReadonlySet<string>;
}

/** The part of Cube's compiled model (its meta config, before any policy) the visible set is computed from. */
export interface CompiledCube {
  readonly config: {
    readonly name: string;
    readonly type?: string;
    readonly measures?: readonly CompiledMember[];
    readonly dimensions?: readonly CompiledMember[];
    readonly segments?: readonly CompiledMember[];
  };
}

interface CompiledMember {
  readonly name: string;
  readonly type?: string;
  /** For a view member: the cube member it shows (`user_details.full_name`). */
  readonly aliasMember?: string;
}

/** Members only the server adds to queries (disclosure control); nobody may name them. */
export function isInternalMember(name: string): boolean {
  return (name.split('.').pop() ?? '').startsWith('disclosure_');
}

const NOTHING: VisibleMembers = { members: new Map(), cubes: new Set() };

/**
 * The members `securityContext` may name in a query, from the compiled model
 * and model/privacy.yml. Allow-list: a member is in the set only if its
 * group's treatment of the field it shows is not hidden. Analysts and
 * dashboards address views only; the cubes behind them only groups with the
 * `query_cubes` capability. `disclosure_*` members are for nobody. An unknown
 * or malformed context gets the empty set.
 */
export function visibleMembersIn(model: readonly CompiledCube[], securityContext: unknown): VisibleMembers {
  const group = groupPolicyOf(securityContext);
  if (!group) return NOTHING;
  const queriesCubes = can(securityContext, 'query_cubes');
  const members = new Map<string, VisibleMember>();
  const cubes = new Set<string>();
  for (const { config } of model) {
    const isView = config.type === 'view';
    if (!isView && !queriesCubes) continue;
    const lists: [MemberKind, readonly CompiledMember[] | undefined][] = [['measure', config.measures], ['dimension', config.dimensions], ['segment', config.segments]];
    for (const [kind, list] of lists) {
      for (const member of list ?? []) {
        if (isInternalMember(member.name)) continue;
        // Privacy follows the member a view shows, never the name the view gives it.
        const source = (isView ? member.aliasMember : undefined) ?? member.name;
        const treatment = treatmentOfMember(source.split('.').pop() ?? '', group);
        if (treatment === 'hidden') continue;
        members.set(member.name, { name: member.name, kind, type: member.type ?? '', masked: treatment === 'masked' });
        cubes.add(config.name);
      }
    }
  }
  return { members, cubes };
}

const byModel = new WeakMap<readonly CompiledCube[], Map<string, VisibleMembers>>();
let lastModel: readonly CompiledCube[] | undefined;

/** Records the model Cube compiled last, for `visibleMembersFor` (Cube's compiler API calls this on every compilation). */
export function rememberCompiledModel(model: readonly CompiledCube[]): void {
  lastModel = model;
}

/** The visible set for a context in a model, computed once per model and group. */
export function cachedVisibleMembers(model: readonly CompiledCube[], securityContext: unknown): VisibleMembers {
  lastModel = model;
  let perContext = byModel.get(model);
  if (!perContext) byModel.set(model, perContext = new Map());
  const key = JSON.stringify([groupPolicyOf(securityContext)?.name ?? null]);
  let visible = perContext.get(key);
  if (!visible) perContext.set(key, visible = visibleMembersIn(model, securityContext));
  return visible;
}

/**
 * The members `securityContext` may name, in the model the server compiled
 * last (recorded whenever Cube's compiler API hands out its compilers, which
 * every query, /meta and the SQL API's catalog go through; the server builds
 * its rollups, and so compiles, before it answers). Before the first
 * compilation nothing is visible.
 */
export function visibleMembersFor(securityContext: unknown): VisibleMembers {
  return lastModel ? cachedVisibleMembers(lastModel, securityContext) : NOTHING;
}
