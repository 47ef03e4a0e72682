import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { openHeadlessChromium } from './headless-chromium';
import { hiddenMembersFor } from './hidden-members';
import { recordPage, type PageRecord } from './page-recorder';
import { ALL_CHARTS } from '../../src/dashboard/web/charts/all-charts';

const ARTIFACTS = join(__dirname, '..', '..', '.data', 'artifacts', 'dashboard');

let browser: Awaited<ReturnType<typeof openHeadlessChromium>>;
const server = () => sharedCubeServer();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Test the dashboard as it is in the source, not a build left from an earlier install.
  await build({ configFile: join(__dirname, '..', '..', 'src', 'dashboard', 'vite.config.mts'), logLevel: 'error' });
  browser = await openHeadlessChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens /dashboard with `token` and waits until every chart has finished loading. */
async function openDashboard(token: string): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.context.newPage();
  const record = recordPage(page);
  await page.goto(`${server().url}/dashboard?token=${encodeURIComponent(token)}`);
  await page.waitForFunction(() => document.body.dataset.charts === 'done' || document.body.dataset.session === 'refused', undefined, { timeout: 60_000 });
  return { page, record };
}

async function chartStates(page: Page): Promise<Record<string, { state?: string; points: number }>> {
  return page.$$eval('.chart-card', (cards) => Object.fromEntries(cards.map((card) => [
    card.id,
    { state: (card as HTMLElement).dataset.state, points: Number((card as HTMLElement).dataset.points ?? 0) },
  ])));
}

/** Runs a pivot of `rows` by `columns` with `measures` on `view`, picking each field in turn, and waits for it. */
async function runPivot(page: Page, view: string, rows: string[], columns: string[], measures: string[]): Promise<void> {
  await page.selectOption('#pivot-view', view);
  for (const member of rows) await page.selectOption('#pivot-add-row', member);
  for (const member of columns) await page.selectOption('#pivot-add-column', member);
  for (const member of measures) await page.selectOption('#pivot-add-measure', member);
  await page.click('#pivot-run');
  await page.waitForFunction(() => ['ready', 'empty', 'error'].includes(document.getElementById('pivot')?.dataset.state ?? ''), undefined, { polling: 100 });
}

function expectNoHiddenMember(record: PageRecord, hidden: readonly string[]): void {
  expect(record.apiResponses.length).toBeGreaterThan(0);
  for (const response of record.apiResponses) {
    const leaked = hidden.filter((member) => response.body.includes(`"${member}"`) || response.body.includes(`${member}.`));
    expect(leaked, `hidden members in ${response.url}`).toEqual([]);
  }
}

describe('the embedded dashboard', () => {
  it('draws every chart with data for a dashboard token of two campuses, and shows nothing hidden', async () => {
    const { page, record } = await openDashboard(tokenFor(server(), 'dashboard', ['MAIN', 'ARTS']));
    const states = await chartStates(page);
    expect(Object.keys(states).sort()).toEqual(ALL_CHARTS.map((chart) => chart.id).sort());
    for (const [id, chart] of Object.entries(states)) {
      expect(chart.state, id).toBe('ready');
      expect(chart.points, id).toBeGreaterThan(0);
    }
    // The token no longer sits in the address bar once the page has read it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-two-campuses.png') });

    // The campus filter narrows to one of the token's campuses, and only those are offered.
    const offered = await page.$$eval('#campus-filter option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(['', 'MAIN', 'ARTS']);
    await page.selectOption('#campus-filter', 'ARTS');
    await page.waitForFunction(() => document.body.dataset.charts === 'done' && Array.from(document.querySelectorAll('.chart-card')).every((card) => (card as HTMLElement).dataset.state !== 'loading'));
    const narrowed = record.apiResponses.filter((response) => response.body.includes('"ARTS"'));
    expect(narrowed.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-campus-arts.png') });

    // The pivot picker lists only what the token may see.
    await page.selectOption('#pivot-view', 'users');
    const pickable = await page.$$eval('#pivot-add-row option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(pickable).toContain('users.user_group');
    expect(pickable).not.toContain('users.birth_date');
    expect(pickable).not.toContain('users.primary_identifier');

    await record.settled();
    expect(record.consoleErrors).toEqual([]);
    expectNoHiddenMember(record, await hiddenMembersFor(server().api, tokenFor(server(), 'admin'), 'dashboard'));
    await page.close();
  });

  it('builds a pivot from /meta for an analyst and downloads it as CSV', async () => {
    const { page, record } = await openDashboard(tokenFor(server(), 'analyst'));
    await page.selectOption('#pivot-view', 'users');
    const pickable = await page.$$eval('#pivot-add-row option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(pickable).toContain('users.campus_code');
    expect(pickable).not.toContain('users.first_name');
    await runPivot(page, 'users', ['users.campus_code'], ['users.status'], ['users.count']);
    expect(await page.$eval('#pivot', (pivot) => (pivot as HTMLElement).dataset.state)).toBe('ready');
    const rows = await page.$$eval('.pivot-table tbody tr', (lines) => lines.length);
    expect(rows).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'pivot-analyst.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pivot-download')]);
    const csvPath = join(ARTIFACTS, 'pivot-analyst.csv');
    await download.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trim().split(/\r\n/);
    expect(lines).toHaveLength(rows + 1);
    expect(lines[0]).toMatch(/Campus/i);
    expect(lines[0]).toMatch(/Active/);

    await record.settled();
    expect(record.consoleErrors).toEqual([]);
    expectNoHiddenMember(record, await hiddenMembersFor(server().api, tokenFor(server(), 'admin'), 'analyst'));
    await page.close();
  });

  it('says clearly that an expired token has expired, instead of a blank page', async () => {
    const expired = tokenFor(server(), 'dashboard', ['MAIN'], { expiresIn: -60 });
    const { page } = await openDashboard(expired);
    const message = await page.textContent('#session-message');
    expect(message).toMatch(/expired/i);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-expired-token.png') });
    await page.close();
  });

  it('says clearly that a token the server refuses was refused', async () => {
    const forged = tokenFor({ apiSecret: 'not-the-secret-of-this-server-0123456789abcdef' }, 'dashboard', ['MAIN']);
    const { page } = await openDashboard(forged);
    await page.waitForFunction(() => document.getElementById('session-message')?.hidden === false);
    const message = await page.textContent('#session-message');
    expect(message).toMatch(/could not sign you in|refused/i);
    expect(message).toMatch(/signature/i);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-refused-token.png') });
    await page.close();
  });
});
