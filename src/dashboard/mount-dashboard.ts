import type { IncomingMessage, ServerResponse } from 'node:http';
import { dashboardFile, dashboardIsBuilt, DASHBOARD_BUILD_FOLDER } from './dashboard-files';
import { modelStatusRoute } from '../model/model-status-route';
import { institutionCurrency } from './institution-currency';
import { pivotSettingsRoute } from './pivot-settings-route';

type Handler = (req: IncomingMessage & { url?: string }, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The part of an Express app the dashboard needs (Cube's REST app is one). */
export interface DashboardHost {
  use(path: string, handler: Handler): unknown;
}

function securityHeaders(res: ServerResponse): void {
  // The token may arrive in the address (?token=); keep it out of Referer headers.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // ECharts sets inline styles; scripts and data come only from this server.
  const frameAncestors = process.env.ALMA_DASHBOARD_FRAME_ANCESTORS ?? '*';
  res.setHeader('Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors ${frameAncestors}`);
}

/**
 * Serves the built dashboard (dist/dashboard) at /dashboard on Cube's REST
 * app. The page reads its token from the host page (postMessage), or from
 * `/dashboard?token=<jwt>` for local use, and calls /cubejs-api/v1 on the same
 * server. `ALMA_DASHBOARD_FRAME_ANCESTORS` limits which portals may frame it.
 * `/dashboard/model-status` tells admins whether the model on disk compiles
 * (see LastGoodModelRepository).
 */
export function mountDashboard(app: DashboardHost, folder = DASHBOARD_BUILD_FOLDER): void {
  const currency = institutionCurrency();
  app.use('/dashboard', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/model-status') return modelStatusRoute(req, res);
    if (path === '/pivot-settings') return pivotSettingsRoute(req, res);
    securityHeaders(res);
    if (!dashboardIsBuilt(folder)) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('The dashboard is not built: run `npm run build:dashboard` (npm install runs it).\n');
      return;
    }
    let file: ReturnType<typeof dashboardFile>;
    try {
      file = dashboardFile(path, folder);
    } catch {
      file = undefined;
    }
    if (!file) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found\n');
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-store');
    // The page's one setting, the institution's currency, rides on its <html> element (a validated ISO code).
    const body = file.contentType.startsWith('text/html')
      ? Buffer.from(file.body.toString('utf8').replace('<html lang="en">', `<html lang="en" data-currency="${currency}">`))
      : file.body;
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
