import { institutionCurrency } from './currency';

const integers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const fractions = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
let money: Intl.NumberFormat | undefined;

function moneyFormat(): Intl.NumberFormat {
  money ??= new Intl.NumberFormat(undefined, { style: 'currency', currency: institutionCurrency() });
  return money;
}

/** How a measure's numbers read: its Cube `format` (currency, percent) or plain. */
export type NumberStyle = 'plain' | 'currency' | 'percent';

/** A number as people read it in their locale: grouped digits, amounts in the institution's currency. */
export function formatNumber(value: unknown, style: NumberStyle = 'plain'): string {
  if (value === null || value === undefined || value === '') return '–';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  if (style === 'currency') return moneyFormat().format(number);
  if (style === 'percent') return `${fractions.format(number)} %`;
  return Number.isInteger(number) ? integers.format(number) : fractions.format(number);
}

/** The currency's symbol or code as the locale writes it, for axis titles: "€", "US$". */
export function currencyLabel(): string {
  return moneyFormat().formatToParts(0).find((part) => part.type === 'currency')?.value ?? institutionCurrency();
}
