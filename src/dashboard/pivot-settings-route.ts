import { sendJson, tokenRoute } from '../auth/token-route';
import { disclosurePolicyFor } from '../disclosure/disclosure-policy';

const PIVOT_GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const;

/**
 * GET /dashboard/pivot-settings: what the pivot may offer this token's group,
 * so it never offers what the server would refuse: the time granularities at
 * or above the group's finest (model/privacy.yml), and its minimum cell size.
 */
export const pivotSettingsRoute = tokenRoute((context, res) => {
  const policy = disclosurePolicyFor(context);
  const finest = policy ? PIVOT_GRANULARITIES.indexOf(policy.finestTimeGranularity as (typeof PIVOT_GRANULARITIES)[number]) : -1;
  sendJson(res, 200, {
    granularities: finest < 0 ? PIVOT_GRANULARITIES : PIVOT_GRANULARITIES.slice(finest),
    minCellSize: policy?.minCellSize ?? null,
  });
});
