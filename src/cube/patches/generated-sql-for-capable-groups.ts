import { ApiGateway } from '@cubejs-backend/api-gateway';
import { CubejsHandlerError } from '@cubejs-backend/api-gateway/dist/src/cubejs-handler-error';
import { can, whoCan } from '../../auth/security-context';

type Handler = (this: { handleError(args: object): void }, args: { context: { securityContext?: unknown }; res: unknown; query?: unknown }) => Promise<void>;

const INSTALLED = Symbol.for('alma.generated-sql-for-capable-groups');

/**
 * /dry-run needs only Cube's `data` scope, yet answers with the normalized
 * query and the model's members. The route check in cube.js refuses it by
 * path; this refuses it in the handler too, whatever path led there.
 */
export function installGeneratedSqlForCapableGroups(): void {
  const prototype = ApiGateway.prototype as unknown as Record<PropertyKey, unknown> & { dryRun: Handler };
  if (prototype[INSTALLED]) return;
  const original = prototype.dryRun;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no dryRun: /dry-run cannot be limited to the groups that may see it');
  prototype.dryRun = async function dryRunForCapableGroups(args) {
    if (!can(args.context?.securityContext, 'see_generated_sql')) {
      const message = `/dry-run shows the whole model behind a query and is for ${whoCan('see_generated_sql')}`;
      this.handleError({ e: new CubejsHandlerError(403, 'Forbidden', message), context: args.context, res: args.res });
      return;
    }
    await original.call(this, args);
  };
  prototype[INSTALLED] = true;
}
