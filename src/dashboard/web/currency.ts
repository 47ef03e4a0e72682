/**
 * The institution's currency (ISO 4217), one setting for the whole dashboard:
 * `ALMA_CURRENCY` on the server, which writes it on the page's <html> element
 * (mount-dashboard.ts). Amounts are shown with Intl in the viewer's locale.
 */
export function institutionCurrency(): string {
  const code = document.documentElement.dataset.currency ?? '';
  return /^[A-Z]{3}$/.test(code) ? code : 'EUR';
}
