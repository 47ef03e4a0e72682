import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** Where `npm run build:dashboard` writes the dashboard (git-ignored). */
export const DASHBOARD_BUILD_FOLDER = join(__dirname, '..', '..', 'dist', 'dashboard');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** A built file to send, or undefined when there is none at that path. */
export interface DashboardFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Vite's hashed assets never change under the same name; index.html must always be fresh. */
  readonly immutable: boolean;
}

/**
 * The built file at `urlPath` (relative to /dashboard), never outside the
 * build folder; "" and "/" are index.html.
 */
export function dashboardFile(urlPath: string, folder = DASHBOARD_BUILD_FOLDER): DashboardFile | undefined {
  const relative = decodeURIComponent(urlPath.split('?')[0] ?? '').replace(/^\/+/, '') || 'index.html';
  const path = normalize(join(folder, relative));
  if (!path.startsWith(folder + sep) || !existsSync(path)) return undefined;
  const contentType = CONTENT_TYPES[extname(path)];
  if (!contentType) return undefined;
  return { body: readFileSync(path), contentType, immutable: relative.startsWith('assets/') };
}

/** Whether the dashboard was built (npm run build:dashboard, run by `prepare` on install). */
export function dashboardIsBuilt(folder = DASHBOARD_BUILD_FOLDER): boolean {
  return existsSync(join(folder, 'index.html'));
}
