import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { openHeadlessChromium } from './headless-chromium';
import { recordPage } from './page-recorder';

// A librarian builds a pivot by clicking and typing, as the page offers it; nothing comes from the address.
const ARTIFACTS = join(__dirname, '..', '..', '.data', 'artifacts', 'pivot');

let browser: Awaited<ReturnType<typeof openHeadlessChromium>>;
const server = () => sharedCubeServer();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await build({ configFile: join(__dirname, '..', '..', 'src', 'dashboard', 'vite.config.mts'), logLevel: 'error' });
  browser = await openHeadlessChromium({ width: 1280, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

async function openDashboard(token: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server().url}/dashboard?token=${encodeURIComponent(token)}`);
  await page.waitForFunction(() => document.body.dataset.charts === 'done', undefined, { timeout: 60_000, polling: 100 });
  return page;
}

/** Types `search` in the field search, then picks the option titled `title` in the list `list` (row, column, measure). */
async function pickField(page: Page, list: 'row' | 'column' | 'measure', search: string, title: string): Promise<void> {
  await page.fill('#pivot-search', '');
  await page.type('#pivot-search', search);
  const offered = await page.$$eval(`#pivot-add-${list} option`, (options) => options.map((option) => option.textContent ?? ''));
  expect(offered.slice(1).every((text) => text.toLowerCase().includes(search.toLowerCase()) || text !== ''), offered.join('|')).toBe(true);
  await page.selectOption(`#pivot-add-${list}`, { label: title });
}

async function runPivot(page: Page): Promise<string> {
  await page.click('#pivot-run');
  await page.waitForFunction(() => ['ready', 'empty', 'error'].includes(document.getElementById('pivot')?.dataset.state ?? ''), undefined, { polling: 100 });
  return page.$eval('#pivot', (pivot) => (pivot as HTMLElement).dataset.state ?? '');
}

async function table(page: Page): Promise<{ headers: string[]; rows: string[][] }> {
  return page.$eval('.pivot-table', (element) => ({
    headers: Array.from(element.querySelectorAll('thead th')).map((cell) => (cell.textContent ?? '').replace(/ [▲▼]$/, '')),
    rows: Array.from(element.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? '')),
  }));
}

async function restRows(token: string, query: object): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${server().api}/load?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.json() as { data: Record<string, unknown>[] };
  return body.data;
}

describe('the pivot, built through clicks and typing', () => {
  it('rows in the order picked, a time field by quarter with people\'s labels, a filter with values from the data, a date range, sorting and named downloads', { timeout: 180_000 }, async () => {
    const token = tokenFor(server(), 'analyst');
    const page = await openDashboard(token);
    const record = recordPage(page);
    await page.selectOption('#pivot-view', 'users');

    // The search narrows every list; the time field is picked first, so it is the first column of the table.
    await pickField(page, 'row', 'creation', 'Creation Date');
    const granularities = await page.$$eval('#pivot-rows select.granularity option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    const settings = await (await fetch(`${server().url}/dashboard/pivot-settings`, { headers: { Authorization: token } })).json() as { granularities: string[] };
    expect(granularities).toEqual(settings.granularities);
    expect(granularities).toContain('quarter');
    await page.selectOption('#pivot-rows select.granularity', 'quarter');
    await pickField(page, 'row', 'campus', 'Campus Code');
    await pickField(page, 'column', 'status', 'Status');
    await pickField(page, 'measure', 'number of users', 'Number of Users');
    expect(await page.$$eval('#pivot-rows li', (items) => items.map((item) => (item as HTMLElement).dataset.member))).toEqual(['users.creation_date', 'users.campus_code']);

    // A filter on user group, its values read from the data.
    await page.fill('#pivot-search', '');
    await page.selectOption('#pivot-filter-field', 'users.user_group');
    await page.waitForFunction(() => document.getElementById('pivot-filter-values')?.dataset.state === 'ready', undefined, { polling: 100 });
    const groups = await page.$$eval('#pivot-filter-values option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(groups).toEqual(expect.arrayContaining(['Undergraduate', 'Graduate']));
    await page.selectOption('#pivot-filter-values', ['Undergraduate', 'Graduate']);
    await page.click('#pivot-filter-add');
    expect(await page.textContent('#pivot-filters')).toContain('User Group is Graduate or Undergraduate');

    // A date range on the creation date, typed.
    await page.selectOption('#pivot-date-field', 'users.creation_date');
    await page.fill('#pivot-date-from', '2020-01-01');
    await page.fill('#pivot-date-to', '2026-06-30');

    expect(await runPivot(page)).toBe('ready');
    const shown = await table(page);
    expect(shown.headers.slice(0, 2)).toEqual(['Creation Date', 'Campus Code']);
    expect(shown.headers.slice(2).some((header) => header.includes('Active'))).toBe(true);
    for (const row of shown.rows) expect(row[0]).toMatch(/^20(2[0-6]) Q[1-4]$/);
    expect(shown.rows.map((row) => row[0])).toEqual([...shown.rows.map((row) => row[0])].sort());
    const note = await page.textContent('#pivot-note');
    expect(note).toMatch(new RegExp(`^${shown.rows.length.toLocaleString('en-US')} rows?[.;]`));
    await page.screenshot({ path: join(ARTIFACTS, 'pivot-built.png') });

    // The numbers are the server's: the total of the Active column equals the same question asked over REST.
    const activeColumn = shown.headers.findIndex((header) => header.startsWith('Active'));
    const tableActive = shown.rows.reduce((sum, row) => sum + (Number((row[activeColumn] ?? '').replace(/[^\d]/g, '')) || 0), 0);
    const rest = await restRows(token, {
      measures: ['users.count'],
      filters: [{ member: 'users.user_group', operator: 'equals', values: ['Undergraduate', 'Graduate'] }, { member: 'users.status', operator: 'equals', values: ['Active'] }],
      timeDimensions: [{ dimension: 'users.creation_date', dateRange: ['2020-01-01', '2026-06-30'] }],
    });
    const heldCells = await page.$$eval('.pivot-table td.held', (cells) => cells.length);
    if (heldCells === 0) expect(tableActive).toBe(Number(rest[0]?.['users.count']));
    else expect(tableActive).toBeLessThanOrEqual(Number(rest[0]?.['users.count']));
    // A held-back cell never reads as 0.
    for (const text of await page.$$eval('.pivot-table td.held', (cells) => cells.map((cell) => cell.textContent))) expect(text).toMatch(/^fewer than \d+$/);

    // Sort by the Active column, largest first, by clicking its header twice (numbers sort largest first on the first click).
    await page.click(`.pivot-table thead th:nth-child(${activeColumn + 1}) button`);
    const sorted = await table(page);
    const values = sorted.rows.map((row) => Number((row[activeColumn] ?? '').replace(/[^\d]/g, ''))).filter((value) => !Number.isNaN(value) && !(sorted.rows.find((row) => row[activeColumn]?.startsWith('fewer'))));
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // Downloads named after the pivot, with every row.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#pivot-download')]);
    expect(csvDownload.suggestedFilename()).toBe('users-creation-date-campus-code-by-status.csv');
    const csvPath = join(ARTIFACTS, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trim().split(/\r\n/);
    expect(lines).toHaveLength(shown.rows.length + 1);
    expect(lines[0]).toMatch(/^Creation Date,Campus Code,/);
    expect(lines[1]).toMatch(/^20\d\d Q[1-4],/);
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#pivot-download-xlsx')]);
    expect(xlsxDownload.suggestedFilename()).toBe('users-creation-date-campus-code-by-status.xlsx');
    const xlsxPath = join(ARTIFACTS, xlsxDownload.suggestedFilename());
    await xlsxDownload.saveAs(xlsxPath);
    expect(readFileSync(xlsxPath).subarray(0, 2).toString()).toBe('PK');

    await record.settled();
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('never cuts silently: past 5,000 rows the note says how many the table leaves out, and the CSV has them all', { timeout: 120_000 }, async () => {
    // Loans by loan day, due day and borrower: nearly one row per loan, thousands of them.
    const page = await openDashboard(tokenFor(server(), 'admin'));
    await page.selectOption('#pivot-view', 'fulfillment');
    await pickField(page, 'row', 'loan date', 'Loan Date');
    await page.selectOption('#pivot-rows li[data-member="fulfillment.loan_date"] select.granularity', 'day');
    await pickField(page, 'row', 'due date', 'Due Date');
    await page.selectOption('#pivot-rows li[data-member="fulfillment.due_date"] select.granularity', 'day');
    // The borrower (admin sees it): now nearly one row per loan.
    await pickField(page, 'row', 'user id', 'User ID');
    await pickField(page, 'measure', 'num of loans', 'Num of Loans (In House + Not In House)');
    expect(await runPivot(page)).toBe('ready');
    const note = (await page.textContent('#pivot-note')) ?? '';
    const total = Number(/^([\d,]+) rows/.exec(note)?.[1]?.replace(/,/g, ''));
    expect(total, note).toBeGreaterThan(5_000);
    expect(note).toContain(`the table shows the first 5,000; ${(total - 5_000).toLocaleString('en-US')} ${total - 5_000 === 1 ? 'row' : 'rows'} left out of it are in the CSV and XLSX downloads`);
    expect(await page.$$eval('.pivot-table tbody tr', (rows) => rows.length)).toBe(5_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pivot-download')]);
    const path = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path, 'utf8').trim().split(/\r\n/)).toHaveLength(total + 1);
    await page.close();
  });

  it('says "1 row", not "1 rows"', async () => {
    const page = await openDashboard(tokenFor(server(), 'admin'));
    await page.selectOption('#pivot-view', 'users');
    await pickField(page, 'measure', 'number of users', 'Number of Users');
    expect(await runPivot(page)).toBe('ready');
    expect(await page.textContent('#pivot-note')).toBe('1 row.');
    await page.close();
  });
});
