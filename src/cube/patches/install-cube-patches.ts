import { installBitOrRollupMeasures } from './bit-or-rollup-measures';
import { installMemberCheckBeforeCube } from './check-members-before-cube';
import { installGeneratedSqlForCapableGroups } from './generated-sql-for-capable-groups';
import { installGraphqlSchemaPerGroup } from './graphql-schema-per-group';
import { installMetaListsVisibleMembers } from './meta-lists-visible-members';
import { installQuietMomentDeprecations } from './quiet-moment-deprecations';
import { installRequestCaches } from './install-request-caches';
import { installRememberCompiledModel } from './remember-compiled-model';

/**
 * Installs every change to Cube's behaviour, before the server is built. The
 * member check is installed last so that it wraps getNormalizedQueries
 * outermost: whatever else wraps it runs only on checked queries.
 */
export function installCubePatches(): void {
  installQuietMomentDeprecations();
  installRememberCompiledModel();
  installBitOrRollupMeasures();
  installMetaListsVisibleMembers();
  installGraphqlSchemaPerGroup();
  installGeneratedSqlForCapableGroups();
  installRequestCaches();
  installMemberCheckBeforeCube();
}
