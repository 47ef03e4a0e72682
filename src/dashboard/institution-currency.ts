/**
 * The institution's currency for the dashboard's amounts, from `ALMA_CURRENCY`
 * (an ISO 4217 code such as EUR, USD, GBP; EUR when unset). A value that is
 * not a code stops the server at start, rather than showing amounts in a
 * currency nobody chose.
 */
export function institutionCurrency(env: NodeJS.ProcessEnv = process.env): string {
  const value = (env.ALMA_CURRENCY ?? 'EUR').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(value)) {
    throw new Error(`ALMA_CURRENCY must be a three-letter ISO 4217 currency code such as EUR, USD or GBP, not "${env.ALMA_CURRENCY}"`);
  }
  return value;
}
