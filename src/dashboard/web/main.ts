import cube, { type CubeApi } from '@cubejs-client/core';
import { ALL_CHARTS } from './charts/all-charts';
import { ChartCard } from './chart-card';
import { campusChoices } from './campus-choices';
import { showCampusHeading } from './campus-heading';
import { renderCampusPicker } from './campus-picker';
import type { CampusScope } from './campus-scope';
import { describeFailure, type FailureMessage } from './describe-failure';
import { readClaims, watchDashboardToken } from './dashboard-token';
import { PivotPanel } from './pivot/pivot-panel';
import { showSessionMessage } from './session-banner';

// The REST API is on the same server as /dashboard (and behind the same path prefix, if a proxy adds one).
const prefix = window.location.pathname.slice(0, Math.max(0, window.location.pathname.lastIndexOf('/dashboard')));
const API_URL = `${window.location.origin}${prefix}/cubejs-api/v1`;

const grid = document.getElementById('charts') as HTMLElement;
const cards = ALL_CHARTS.map((definition) => new ChartCard(grid, definition));
const pivot = new PivotPanel(document.getElementById('pivot') as HTMLElement, reportFailure);
let session = 0;

function reportFailure(failure: FailureMessage | undefined): void {
  if (failure?.session) showSessionMessage(failure.text);
}

async function loadCharts(api: CubeApi, scope: CampusScope): Promise<void> {
  document.body.dataset.charts = 'loading';
  const failures = await Promise.all(cards.map((card) => card.load(api, scope)));
  failures.forEach(reportFailure);
  document.body.dataset.charts = 'done';
}

/** The finest time granularity the token's group may ask for (the server's pivot settings); undefined: any. */
async function finestGranularity(token: string): Promise<string | undefined> {
  const response = await fetch(`${window.location.origin}${prefix}/dashboard/pivot-settings`, { headers: { Authorization: token } }).catch(() => undefined);
  const settings = response?.ok ? await response.json() as { granularities?: string[] } : undefined;
  return settings?.granularities?.[0];
}

/** Starts (or restarts, when the host posts a fresh token) the dashboard with `token`. */
async function start(token: string): Promise<void> {
  const current = ++session;
  const claims = readClaims(token);
  if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) {
    showSessionMessage('Your dashboard session has expired. Reload the page in your portal to get a new one.');
    return;
  }
  showSessionMessage(undefined);
  const api = cube(token, { apiUrl: API_URL });
  try {
    const meta = await api.meta();
    if (current !== session) return;
    const choices = await campusChoices(api, claims.campus).catch(() => claims.campus ?? []);
    showCampusHeading(claims.campus, choices);
    renderCampusPicker(document.getElementById('campus') as HTMLElement, choices, (scope) => {
      pivot.setScope(scope);
      void loadCharts(api, scope);
    });
    pivot.show(api, meta, [], await finestGranularity(token));
    await loadCharts(api, []);
  } catch (error) {
    if (current !== session) return;
    const failure = describeFailure(error);
    showSessionMessage(failure.session ? failure.text : `The dashboard could not start: ${failure.text}`);
  }
}

watchDashboardToken((token) => void start(token));
if (window.parent === window && !document.body.dataset.session) {
  // Not embedded and no token in the address: say how to open it instead of showing empty charts.
  setTimeout(() => {
    if (session === 0) showSessionMessage('No token: open this page from your portal, or locally as /dashboard?token=<token> (npm run token -- --group dashboard --campus MAIN).');
  }, 0);
}
