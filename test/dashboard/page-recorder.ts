import type { Page } from 'playwright-core';

/** What a page did while a test drove it: console errors, and every API response body it received. */
export interface PageRecord {
  readonly consoleErrors: string[];
  readonly apiResponses: { url: string; status: number; body: string }[];
  /** Resolves once every response seen so far has been read. */
  settled(): Promise<void>;
}

/** Starts recording `page`'s console errors, page errors and /cubejs-api responses. */
export function recordPage(page: Page): PageRecord {
  const consoleErrors: string[] = [];
  const apiResponses: PageRecord['apiResponses'] = [];
  const reads: Promise<void>[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (!response.url().includes('/cubejs-api/')) return;
    reads.push(response.text().then(
      (body) => { apiResponses.push({ url: response.url(), status: response.status(), body }); },
      () => undefined,
    ));
  });
  return { consoleErrors, apiResponses, settled: async () => { await Promise.all(reads); } };
}
