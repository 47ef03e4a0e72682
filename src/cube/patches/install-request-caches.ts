import { keepVerifiedClaims } from '../../auth/verified-claims-per-token';
import { requestCachesEnabled } from '../cube-environment';
import { installMetaCutPerCaller } from './meta-cut-per-caller';
import { installMemberNamesPerQueryShape } from './member-names-per-query-shape';
import { installRowLevelSecurityPerQueryShape } from './row-level-security-per-query-shape';
import { installModelReloadAtMostOnceASecond } from './model-reload-at-most-once-a-second';
import { installPolicyCacheWithoutRequestId } from './policy-cache-without-request-id';
import { installTimeoutErrorOnlyOnTimeout } from './timeout-error-only-on-timeout';
import { installSqlPerQueryShape } from './sql-per-query-shape';
import { installSqlCacheBeforeQueryBuilding } from './sql-cache-before-query-building';
import { installVisibilityCachePerCaller } from './visibility-cache-per-caller';
import { installEnvironmentReadOnce } from './environment-read-once';
import { installLogRedactionOnlyForWrittenEvents } from './log-redaction-only-for-written-events';
import { installGatewayLogOnlyForWrittenEvents } from './gateway-log-only-for-written-events';
import { installQueryValidationPerQueryShape } from './query-validation-per-query-shape';
import { installCacheKeyHashOncePerKey } from './cache-key-hash-once-per-key';
import { installSpanIdsFromACounter } from './span-ids-from-a-counter';
import { installMemoryQueueKeptInOrder } from './memory-queue-kept-in-order';
import { installPreAggregationVersionsOncePerText } from './pre-aggregation-versions-once-per-text';
import { installVersionEntriesPerTablesList } from './version-entries-per-tables-list';
import { installSessionSettingsOncePerConnection } from './session-settings-once-per-connection';

/**
 * The caches of the request path (and one piece of work done only when needed): each keyed on the compiled model and, where
 * a caller's policies enter, on the caller's whole context, so none of them
 * changes an answer. ALMA_REQUEST_CACHES=off leaves Cube as it ships, which
 * the differential test compares against.
 */
export function installRequestCaches(): void {
  if (!requestCachesEnabled()) return;
  installModelReloadAtMostOnceASecond();
  // A token's signature is checked once; its clock (nbf, exp), claims and lifetime on every request.
  keepVerifiedClaims();
  // Per shape inside, the same query again outside: a repeated query is found before its shape is worked out.
  installSqlPerQueryShape();
  installSqlCacheBeforeQueryBuilding();
  installMemberNamesPerQueryShape();
  // Around the member names: a kept addition needs none.
  installRowLevelSecurityPerQueryShape();
  installPolicyCacheWithoutRequestId();
  installVisibilityCachePerCaller();
  installTimeoutErrorOnlyOnTimeout();
  installEnvironmentReadOnce();
  // Before the server is built: Cube's server core wraps its log sink in its constructor.
  installLogRedactionOnlyForWrittenEvents();
  installGatewayLogOnlyForWrittenEvents();
  installQueryValidationPerQueryShape();
  // After the boundary's /meta cut is installed, so that this wraps it.
  installMetaCutPerCaller();
  installCacheKeyHashOncePerKey();
  installSpanIdsFromACounter();
  installMemoryQueueKeptInOrder();
  installPreAggregationVersionsOncePerText();
  installVersionEntriesPerTablesList();
  installSessionSettingsOncePerConnection();
}
