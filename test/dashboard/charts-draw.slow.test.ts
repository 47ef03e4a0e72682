import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { ALL_CHARTS } from '../../src/dashboard/web/charts/all-charts';
import { drawnCharts, type DrawnCharts } from './drawn-pixels';
import { openHeadlessChromium } from './headless-chromium';

// Screenshots are artifacts of the run, kept in the git-ignored .data folder.
const ARTIFACTS = join(__dirname, '..', '..', '.data', 'artifacts', 'dashboard');
// A laptop window. The test never resizes it and never takes a full-page
// screenshot (which resizes the viewport and would redraw a blank chart).
const VIEWPORT = { width: 1280, height: 900 };
// A bar, a line or a pie slice covers far more than this; axes and text are grey and do not count.
const MIN_COLOURED_PIXELS = 300;

let browser: Awaited<ReturnType<typeof openHeadlessChromium>>;
const server = () => sharedCubeServer();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await build({ configFile: join(__dirname, '..', '..', 'src', 'dashboard', 'vite.config.mts'), logLevel: 'error' });
  browser = await openHeadlessChromium(VIEWPORT);
});

afterAll(async () => {
  await browser?.close();
});

async function chartsSettled(target: Page | Frame): Promise<void> {
  await target.waitForFunction(() => document.body.dataset.charts === 'done'
    && Array.from(document.querySelectorAll('.chart-card')).every((card) => (card as HTMLElement).dataset.state !== 'loading'),
  // Polled on a timer: a cross-origin frame's animation frames may be throttled.
  undefined, { timeout: 60_000, polling: 100 });
}

/**
 * Waits (up to `withinMs`) until every chart's canvas holds coloured pixels,
 * and returns what it last measured. Nothing on the page is resized meanwhile,
 * so a chart drawn into a 0 px box stays blank and fails.
 */
async function waitForDrawnCharts(target: Page | Frame, withinMs = 5_000): Promise<DrawnCharts> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const drawn = await drawnCharts(target);
    const blank = Object.values(drawn).filter((chart) => chart.coloured < MIN_COLOURED_PIXELS);
    if (blank.length === 0 || Date.now() > deadline) return drawn;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A portal page on a server and port of its own (another origin than the dashboard's), as a staff portal would frame it. */
async function servePortal(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const portal = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(html);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const { port } = portal.address() as { port: number };
  return {
    url: `http://localhost:${port}/portal`,
    close: () => new Promise((resolve) => {
      // The browser may keep its connection alive; the test is done with it.
      portal.closeAllConnections();
      portal.close(() => resolve());
    }),
  };
}

async function waitForFrame(page: Page, path: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = page.frames().find((candidate) => new URL(candidate.url(), 'http://x').pathname.startsWith(path));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no frame at ${path}: ${page.frames().map((one) => one.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectEveryChartDrawn(drawn: DrawnCharts, what: string): void {
  expect(Object.keys(drawn).sort(), what).toEqual(ALL_CHARTS.map((chart) => chart.id).sort());
  for (const [id, chart] of Object.entries(drawn)) {
    expect(chart.width, `${what}: ${id} canvas width`).toBeGreaterThan(0);
    expect(chart.coloured, `${what}: ${id} coloured pixels`).toBeGreaterThanOrEqual(MIN_COLOURED_PIXELS);
  }
}

const tokens = {
  admin: () => tokenFor(server(), 'admin'),
  analyst: () => tokenFor(server(), 'analyst'),
  dashboard: () => tokenFor(server(), 'dashboard', ['MAIN', 'ARTS']),
};

describe('the dashboard draws its charts on first view, in a fixed 1280x900 window', () => {
  for (const [group, token] of Object.entries(tokens)) {
    it(`draws all six charts for a ${group} token, and again after a campus switch`, { timeout: 120_000 }, async () => {
      const page = await browser.context.newPage();
      const started = Date.now();
      await page.goto(`${server().url}/dashboard?token=${encodeURIComponent(token())}`);
      await chartsSettled(page);
      const drawn = await waitForDrawnCharts(page);
      const elapsed = Date.now() - started;
      await page.screenshot({ path: join(ARTIFACTS, `first-view-${group}.png`) });
      expectEveryChartDrawn(drawn, `${group}, first view`);
      console.log(`${group}: six charts drawn ${elapsed} ms after the page was asked for`);

      await page.selectOption('#campus-filter', 'ARTS');
      await chartsSettled(page);
      const switched = await waitForDrawnCharts(page);
      await page.screenshot({ path: join(ARTIFACTS, `campus-switch-${group}.png`) });
      expectEveryChartDrawn(switched, `${group}, after switching to ARTS`);
      expect(await page.evaluate(() => window.innerWidth)).toBe(VIEWPORT.width);
      await page.close();
    });
  }

  it('shows the cells the server held back as not shown, never as 0', async () => {
    // The users chart's own question, asked over REST with the same dashboard token: how many cells the server held back.
    const token = tokens.dashboard();
    const query = { measures: ['users.count'], dimensions: ['users.user_group', 'users.status'], order: { 'users.count': 'desc' } };
    const response = await fetch(`${server().api}/load?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.json() as { data: Record<string, unknown>[]; annotation: { disclosure?: { minCellSize: number; suppressedCells: [number, string][] } } };
    const disclosure = body.annotation.disclosure;
    expect(disclosure, 'a dashboard token has a minimum cell size').toBeDefined();
    const held = disclosure!.suppressedCells.length;
    for (const [row, member] of disclosure!.suppressedCells) expect(body.data[row]?.[member]).toBeNull();

    const page = await browser.context.newPage();
    await page.goto(`${server().url}/dashboard?token=${encodeURIComponent(token)}`);
    await chartsSettled(page);
    const note = await page.textContent('#users-by-group-and-status .card-note');
    if (held === 0) expect(note ?? '').not.toMatch(/not shown/);
    else expect(note).toBe(`${held === 1 ? '1 value is' : `${held} values are`} not shown: fewer than ${disclosure!.minCellSize} people each.`);
    await page.close();
  });

  it('draws all six charts inside a portal iframe 760 px wide', { timeout: 120_000 }, async () => {
    const page = await browser.context.newPage();
    const source = `${server().url}/dashboard?token=${encodeURIComponent(tokens.dashboard())}`;
    const portal = await servePortal(`<!doctype html><h1>Staff portal</h1><iframe id="analytics" src="${source}" style="width:760px;height:2600px;border:0"></iframe>`);
    await page.goto(portal.url);
    const frame = await waitForFrame(page, '/dashboard');
    await chartsSettled(frame);
    const drawn = await waitForDrawnCharts(frame);
    await page.screenshot({ path: join(ARTIFACTS, 'iframe-760.png') });
    expectEveryChartDrawn(drawn, 'iframe, first view');
    for (const chart of Object.values(drawn)) expect(chart.width).toBeLessThanOrEqual(760 * 2);

    await frame.selectOption('#campus-filter', 'MAIN');
    await chartsSettled(frame);
    const switched = await waitForDrawnCharts(frame);
    await page.screenshot({ path: join(ARTIFACTS, 'iframe-760-campus-switch.png') });
    expectEveryChartDrawn(switched, 'iframe, after switching to MAIN');
    await page.close();
    await portal.close();
  });
});
