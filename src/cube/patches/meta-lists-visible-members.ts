import { ApiGateway } from '@cubejs-backend/api-gateway';
import { can } from '../../auth/security-context';
import { metaOfVisibleMembers, type MetaCube } from '../../boundary/visible-meta';
import { visibleMembersIn, type CompiledCube } from '../../boundary/visible-members';

const INSTALLED = Symbol.for('alma.meta-lists-visible-members');

/**
 * /meta (and its extended form) lists what the caller may query, by the same
 * visible set the boundary enforces (src/boundary/visible-meta.ts). Cube's own
 * filter (access policies) runs after it.
 */
export function installMetaListsVisibleMembers(): void {
  const prototype = ApiGateway.prototype as unknown as Record<PropertyKey, unknown> & {
    filterVisibleItemsInMeta(context: { securityContext?: unknown }, cubes: MetaCube[]): MetaCube[];
  };
  if (prototype[INSTALLED]) return;
  const original = prototype.filterVisibleItemsInMeta;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no filterVisibleItemsInMeta: /meta cannot be limited to the visible members');
  prototype.filterVisibleItemsInMeta = function listVisibleOnly(context, cubes) {
    const securityContext = context?.securityContext;
    const visible = visibleMembersIn(cubes as unknown as CompiledCube[], securityContext);
    return original.call(this, context, metaOfVisibleMembers(cubes, visible, can(securityContext, 'query_cubes')));
  };
  prototype[INSTALLED] = true;
}
