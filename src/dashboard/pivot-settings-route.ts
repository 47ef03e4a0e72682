import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenRefusedError, verifyToken } from '../auth/verify-token';
import { disclosurePolicyFor } from '../disclosure/disclosure-policy';

const PIVOT_GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * GET /dashboard/pivot-settings: what the pivot may offer this token's group,
 * so it never offers what the server would refuse: the time granularities at
 * or above the group's finest (model/privacy.yml), and its minimum cell size.
 */
export function pivotSettingsRoute(req: IncomingMessage, res: ServerResponse): void {
  let context: ReturnType<typeof verifyToken>;
  try {
    context = verifyToken(req.headers.authorization);
  } catch (error) {
    if (error instanceof TokenRefusedError) send(res, error.status, { error: error.message });
    else send(res, 401, { error: 'The token could not be verified' });
    return;
  }
  const policy = disclosurePolicyFor(context);
  const finest = policy ? PIVOT_GRANULARITIES.indexOf(policy.finestTimeGranularity as (typeof PIVOT_GRANULARITIES)[number]) : -1;
  send(res, 200, {
    granularities: finest < 0 ? PIVOT_GRANULARITIES : PIVOT_GRANULARITIES.slice(finest),
    minCellSize: policy?.minCellSize ?? null,
  });
}
