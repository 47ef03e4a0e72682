import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The part of an Express app the front door needs. */
export interface FrontDoorHost {
  get(path: string, handler: Handler): unknown;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Alma user analytics</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}code{background:#f0f4f8;padding:1px 4px;border-radius:3px}</style></head>
<body>
<h1>Alma user analytics</h1>
<p>This server answers questions about Alma's <strong>User Details</strong> (users, loans, fines and fees, resource sharing)
through a semantic layer on Cube and PostgreSQL. Every request carries a token whose group decides what it may see;
personal data stays hidden from analysts and dashboards.</p>
<h2>Where to go</h2>
<ul>
<li><a href="dashboard">The dashboard</a>: charts and a pivot table. Open it with a token: <code>/dashboard#token=&lt;token&gt;</code>.</li>
<li>A token: <code>npm run token -- --group dashboard --campus MAIN --expires-in 8h</code> (groups: admin, analyst, dashboard).</li>
<li>The REST API: <code>cubejs-api/v1</code> (<code>/load</code>, <code>/meta</code>), with <code>Authorization: Bearer &lt;token&gt;</code>;
readiness at <a href="readyz">/readyz</a>.</li>
<li>The SQL API for BI tools (Tableau, Power BI, Metabase, psql): the PostgreSQL port this server was started with
(<code>CUBEJS_PG_SQL_PORT</code>, 15432 by default), any user name, the token as password.</li>
<li>The documentation: <code>README.md</code> and <code>docs/</code> in the repository (DASHBOARD.md, PIVOTS.md, SQL-API.md, PRIVACY.md).</li>
</ul>
</body>
</html>
`;

/**
 * GET / says what this server is and where to go (the dashboard, the token
 * command, the APIs, the docs), instead of Cube's "running in production mode".
 * Installed before Cube's own routes, so it answers first.
 */
export function mountFrontDoor(app: FrontDoorHost): void {
  app.get('/', (_req, res) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.end(PAGE);
  });
}
