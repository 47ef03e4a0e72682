import { localSecret } from '../secrets/local-secret';

/**
 * The HS256 signing secret shared by the server and `npm run token`:
 * CUBEJS_API_SECRET when set; otherwise, outside production, a random secret
 * generated once and kept in the data folder. No fixed secret ships.
 */
export function apiSecret(): string {
  const configured = process.env.CUBEJS_API_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error('CUBEJS_API_SECRET must be at least 32 characters long');
    return configured;
  }
  if (process.env.NODE_ENV === 'production') {
    throw new Error('CUBEJS_API_SECRET must be set in production');
  }
  return localSecret('cube-api');
}
