import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContext } from 'node:tls';

/**
 * TLS for SSLRequest when CUBEJS_PG_SQL_TLS_CERT and CUBEJS_PG_SQL_TLS_KEY name PEM files;
 * otherwise null and SSLRequest is answered 'N' (clients then continue in plain text or stop, as configured).
 */
export function tlsFromEnv(): SecureContext | null {
  const cert = process.env.CUBEJS_PG_SQL_TLS_CERT;
  const key = process.env.CUBEJS_PG_SQL_TLS_KEY;
  if (!cert || !key) return null;
  return createSecureContext({ cert: readFileSync(cert), key: readFileSync(key) });
}
