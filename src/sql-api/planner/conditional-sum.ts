import type { Node } from '@pgsql/types';

/** `SUM(CASE WHEN condition THEN measure END)`, or `ELSE 0`: the measure over the rows the condition keeps. */
export interface ConditionalSum {
  condition: Node;
  measure: Node;
  /** ELSE 0: a group without such rows has 0, not NULL. */
  zero: boolean;
}

function isZero(node: Node | undefined): boolean {
  if (!node || !('A_Const' in node)) return false;
  return node.A_Const.ival !== undefined && (node.A_Const.ival.ival ?? 0) === 0;
}

function isNull(node: Node | undefined): boolean {
  return !node || ('A_Const' in node && node.A_Const.isnull === true);
}

/** Whether a subtree names any of these columns. */
function names(node: unknown, columns: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => names(n, columns));
  if (!node || typeof node !== 'object') return false;
  const ref = (node as { ColumnRef?: { fields?: { String?: { sval?: string } }[] } }).ColumnRef;
  if (ref && columns.has(ref.fields?.at(-1)?.String?.sval ?? '')) return true;
  return Object.values(node).some((v) => names(v, columns));
}

/**
 * The parts of a SUM over one CASE branch that yields an additive measure (count or sum)
 * of the view, whose rows add up to it, under a condition on the rows (no measure in it);
 * null for any other call.
 */
export function conditionalSum(node: Node, additiveMeasures: ReadonlySet<string>, measures: ReadonlySet<string> = additiveMeasures): ConditionalSum | null {
  if (!('FuncCall' in node)) return null;
  const call = node.FuncCall;
  const name = call.funcname?.at(-1);
  if (!name || !('String' in name) || name.String.sval?.toLowerCase() !== 'sum') return null;
  if (call.agg_distinct || call.agg_filter || call.over || call.agg_star || call.args?.length !== 1) return null;
  const arg = call.args[0]!;
  if (!('CaseExpr' in arg) || arg.CaseExpr.arg || arg.CaseExpr.args?.length !== 1) return null;
  const when = arg.CaseExpr.args[0]!;
  if (!('CaseWhen' in when) || !when.CaseWhen.expr || !when.CaseWhen.result) return null;
  const result = when.CaseWhen.result;
  if (!('ColumnRef' in result)) return null;
  const last = result.ColumnRef.fields?.at(-1);
  if (!last || !('String' in last) || !additiveMeasures.has(last.String.sval ?? '')) return null;
  const otherwise = arg.CaseExpr.defresult;
  if (!isNull(otherwise) && !isZero(otherwise)) return null;
  if (names(when.CaseWhen.expr, measures)) return null;
  return { condition: when.CaseWhen.expr, measure: result, zero: isZero(otherwise) };
}
