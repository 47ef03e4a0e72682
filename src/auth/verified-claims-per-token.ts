import type { KeyObject } from 'node:crypto';
import type { JwtPayload } from 'jsonwebtoken';

const KEPT_TOKENS = 1000;

let kept: { key: KeyObject; claims: Map<string, JwtPayload> } | undefined;
let enabled = false;

/**
 * Turns on keeping each token's verified claims (the server does, with its request caches; off
 * otherwise). A token's signature, algorithm and encoding are checked once per key: the same token
 * string verified against the same key gives the same claims or the same refusal every time, except
 * for the clock (nbf, exp), which verifyToken checks again on every use of kept claims.
 */
export function keepVerifiedClaims(): void {
  enabled = true;
}

/** The claims `token` was verified to carry with `key`, if kept. */
export function keptClaims(token: string, key: KeyObject): JwtPayload | undefined {
  return kept?.key === key ? kept.claims.get(token) : undefined;
}

/** Keeps the claims `token` was just verified to carry with `key` (a new key forgets every other). */
export function keepClaims(token: string, key: KeyObject, claims: JwtPayload): void {
  if (!enabled) return;
  if (kept?.key !== key || kept.claims.size >= KEPT_TOKENS) kept = { key, claims: new Map() };
  kept.claims.set(token, claims);
}
