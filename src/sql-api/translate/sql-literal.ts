import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';

/** The constant a node stands for, as Cube wants filter values: a string, or null. */
export function literalOf(node: Record<string, any>, params: (string | null)[]): string | null {
  if (node.A_Const) {
    const c = node.A_Const;
    if (c.isnull) return null;
    if (c.sval) return c.sval.sval ?? '';
    // The JSON form leaves out zero and false.
    if (c.ival) return String(c.ival.ival ?? 0);
    if (c.fval) return String(c.fval.fval);
    if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
    throw unsupported('This constant', c.location);
  }
  if (node.ParamRef) {
    const n = node.ParamRef.number as number;
    if (n < 1 || n > params.length) {
      throw new SqlApiError(SQLSTATE.protocolViolation, `there is no parameter $${n}`, node.ParamRef.location);
    }
    return params[n - 1] ?? null;
  }
  // 'x'::date, DATE 'x', CAST(x AS text): the value is the same string.
  if (node.TypeCast) return literalOf(node.TypeCast.arg, params);
  if (node.A_Expr?.kind === 'AEXPR_OP' && !node.A_Expr.lexpr && node.A_Expr.name?.[0]?.String?.sval === '-') {
    const v = literalOf(node.A_Expr.rexpr, params);
    return v === null ? null : v.startsWith('-') ? v.slice(1) : `-${v}`;
  }
  throw unsupported(`Expression ${Object.keys(node)[0]} where a constant is expected`);
}

/** Whether a node is a constant (literal, parameter, cast literal). */
export function isLiteral(node: Record<string, any>): boolean {
  if (node.A_Const || node.ParamRef) return true;
  if (node.TypeCast) return isLiteral(node.TypeCast.arg);
  return node.A_Expr?.kind === 'AEXPR_OP' && !node.A_Expr.lexpr && isLiteral(node.A_Expr.rexpr);
}

/** A non-negative whole number from LIMIT/OFFSET, or undefined for LIMIT ALL. */
export function countOf(node: Record<string, any> | undefined, params: (string | null)[], clause: string): number | undefined {
  if (!node) return undefined;
  const v = literalOf(node, params);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw new SqlApiError(SQLSTATE.invalidParameterValue, `${clause} must be a non-negative integer`);
  return Number(v);
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/**
 * A date or timestamp literal as Cube's local timestamp with milliseconds, which its
 * date filters use as-is (a bare date would become the start or the end of that day).
 */
export function cubeTimestamp(value: string): string {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) throw new SqlApiError('22007', `invalid input syntax for type timestamp: "${value}"`);
  const [, date, hh = '00', mi = '00', ss = '00', frac = ''] = m;
  return `${date}T${hh}:${mi}:${ss}.${frac.padEnd(3, '0').slice(0, 3)}`;
}
