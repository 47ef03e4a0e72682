const integers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fractions = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** How a measure's numbers read: its Cube `format` (currency, percent) or plain. */
export type NumberStyle = 'plain' | 'currency' | 'percent';

/** A number as people read it in their locale: grouped digits, two decimals for amounts. */
export function formatNumber(value: unknown, style: NumberStyle = 'plain'): string {
  if (value === null || value === undefined || value === '') return '–';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  if (style === 'currency') return decimals.format(number);
  if (style === 'percent') return `${fractions.format(number)} %`;
  return Number.isInteger(number) ? integers.format(number) : fractions.format(number);
}
