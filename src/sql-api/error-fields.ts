import type { ErrorFields } from './protocol/backend/error-response';
import { SqlApiError, SQLSTATE } from './sql-api-error';

/**
 * The ErrorResponse fields for anything thrown while serving a statement. Only
 * SqlApiError text reaches the client; other errors are logged and sent as XX000.
 */
export function errorFieldsOf(e: unknown, log: (message: string) => void): ErrorFields {
  if (e instanceof SqlApiError) {
    return {
      code: e.code,
      message: e.message,
      ...(e.position !== undefined ? { position: e.position + 1 } : {}),
      ...(e.hint !== undefined ? { hint: e.hint } : {}),
    };
  }
  log(`SQL API internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { code: SQLSTATE.internalError, message: 'internal error in the SQL API; the server log has the details' };
}
