import { privacyConfig } from '../privacy/privacy-config';

/** The longest a token may be valid for, in seconds (model/privacy.yml, tokens.max_lifetime_days). */
export function maxTokenLifetimeSeconds(): number {
  return privacyConfig().maxTokenLifetimeSeconds;
}

function days(seconds: number): string {
  const value = seconds / 86_400;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} days`;
}

/**
 * What is wrong with the lifetime of verified claims, or undefined when they
 * may be used: a token without `exp` would be valid forever, and one valid for
 * longer than the maximum outlives the reviews that keep groups honest. The
 * lifetime counts from `iat`, or from now when the token has none.
 */
export function tokenLifetimeProblem(claims: { exp?: unknown; iat?: unknown }, nowSeconds = Math.floor(Date.now() / 1000)): string | undefined {
  const max = maxTokenLifetimeSeconds();
  if (typeof claims.exp !== 'number') {
    return `The token has no "exp" (expiry) claim; tokens must expire within ${days(max)}: mint one with npm run token`;
  }
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat, nowSeconds) : nowSeconds;
  if (claims.exp - issuedAt > max) {
    return `The token is valid for longer than ${days(max)}, the most model/privacy.yml allows (tokens.max_lifetime_days); mint a shorter one`;
  }
  return undefined;
}
