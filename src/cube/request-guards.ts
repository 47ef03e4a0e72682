import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { normalizedPath } from './capability-routes';
import { queryShapeError } from './query-shape-errors';

/** Matched on the normalized path: Express routes /v1/LOAD and /v1/load/ to the same handler. */
const QUERY_ENDPOINTS = /\/v1\/(load|sql|dry-run|subscribe)$/;

/** The query of a request, when it has one Cube would decode; Cube answers the other cases itself. */
function queryOf(method: string, body: unknown, search: unknown): { found: boolean; query?: unknown } {
  const raw = method === 'POST' ? (body as { query?: unknown } | undefined)?.query : search;
  if (raw === undefined) return { found: false };
  if (typeof raw !== 'string') return { found: true, query: raw };
  try {
    return { found: true, query: JSON.parse(raw) };
  } catch {
    return { found: false };
  }
}

/** Refuses a query of the wrong shape with 400 before Cube's gateway, which would answer 500. */
function refuseMalformedQueries(maxLimit: number): RequestHandler {
  return (req, res, next) => {
    if (!QUERY_ENDPOINTS.test(normalizedPath(req.path)) || !['GET', 'POST'].includes(req.method)) return next();
    const { found, query } = queryOf(req.method, req.body, req.query.query);
    if (!found) return next();
    const queries = Array.isArray(query) ? query : [query];
    const problem = queries.length === 0 ? 'the query list is empty' : queries.map((one) => queryShapeError(one, maxLimit)).find(Boolean);
    if (problem) {
      res.status(400).json({ error: `Invalid query: ${problem}` });
      return;
    }
    next();
  };
}

/** Body parser failures (not JSON, too large) as 400/413 with a message, not Cube's 500. */
const refuseUnreadableBodies: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ error: 'Invalid request: the body is not valid JSON' });
  } else if (type === 'entity.too.large') {
    res.status(413).json({ error: `Invalid request: the body is larger than ${process.env.CUBEJS_MAX_REQUEST_SIZE ?? '50mb'}` });
  } else {
    next(error);
  }
};

/**
 * Installs the guards on Cube's Express app, ahead of Cube's own routes (Cube
 * has already added its body parser, whose errors the first guard answers).
 */
export function installRequestGuards(app: Express): void {
  const maxLimit = Number(process.env.CUBEJS_DB_QUERY_LIMIT ?? 50_000);
  app.use(refuseUnreadableBodies);
  app.use(refuseMalformedQueries(maxLimit));
}
