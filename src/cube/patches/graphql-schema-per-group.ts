import { createRequire } from 'node:module';
import { CompilerApi } from '@cubejs-backend/server-core';
import { can, groupPolicyOf } from '../../auth/security-context';
import { metaOfVisibleMembers, type MetaCube } from '../../boundary/visible-meta';
import { visibleMembersIn, type CompiledCube } from '../../boundary/visible-members';

const INSTALLED = Symbol.for('alma.graphql-schema-per-group');

type MetaConfig = (this: unknown, context: { securityContext?: unknown } | undefined, options?: { skipVisibilityPatch?: boolean }) => Promise<unknown>;

/** The model cut to one group's visible set, the same array for the same model and group (so its schema is built once). */
const perGroup = new WeakMap<object, Map<string, MetaCube[]>>();

function visibleModel(model: readonly MetaCube[], securityContext: unknown): MetaCube[] {
  let byGroup = perGroup.get(model);
  if (!byGroup) perGroup.set(model, byGroup = new Map());
  const group = groupPolicyOf(securityContext)?.name ?? '';
  let cut = byGroup.get(group);
  if (!cut) {
    const visible = visibleMembersIn(model as unknown as CompiledCube[], securityContext);
    byGroup.set(group, cut = metaOfVisibleMembers(model, visible, can(securityContext, 'query_cubes')));
  }
  return cut;
}

/**
 * Cube builds one GraphQL schema from the whole model (metaConfig with
 * skipVisibilityPatch, which only its GraphQL route asks for) and caches it for
 * every caller, so introspection listed hidden members. Here the model is cut
 * to the caller's visible set for that request, Cube's one-for-all cache is
 * bypassed, and a schema is built once per model and group instead. Queries
 * still go through load, and so through the boundary's member check.
 */
export function installGraphqlSchemaPerGroup(): void {
  const prototype = CompilerApi.prototype as unknown as Record<PropertyKey, unknown> & {
    metaConfig: MetaConfig;
    getGraphQLSchema(): unknown;
    setGraphQLSchema(schema: unknown): void;
  };
  if (prototype[INSTALLED]) return;
  // Cube's gateway calls the module's export at call time (graphql_1.makeSchema), so it is replaced on the module object itself.
  const graphql = createRequire(__filename)('@cubejs-backend/api-gateway/dist/src/graphql') as { makeSchema: (metaConfig: MetaCube[]) => unknown };
  const { metaConfig, getGraphQLSchema, setGraphQLSchema } = prototype;
  const makeSchema = graphql.makeSchema;
  if (typeof metaConfig !== 'function' || typeof getGraphQLSchema !== 'function' || typeof setGraphQLSchema !== 'function' || typeof makeSchema !== 'function') {
    throw new Error('Cube\'s CompilerApi or GraphQL module changed: GraphQL cannot be limited to each group\'s members');
  }
  prototype.metaConfig = async function metaConfigOfTheCaller(context, options) {
    const result = await metaConfig.call(this, context, options);
    if (!options?.skipVisibilityPatch || !Array.isArray(result)) return result;
    return visibleModel(result as MetaCube[], context?.securityContext);
  };
  prototype.getGraphQLSchema = () => undefined;
  prototype.setGraphQLSchema = () => undefined;
  const schemas = new WeakMap<object, unknown>();
  graphql.makeSchema = (model) => {
    let schema = schemas.get(model);
    if (!schema) schemas.set(model, schema = makeSchema(model));
    return schema;
  };
  prototype[INSTALLED] = true;
}
