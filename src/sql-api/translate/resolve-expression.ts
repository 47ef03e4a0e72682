import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';
import type { FromScope } from './from-scope';
import { GRANULARITIES, timeOf, type ResolvedMember } from './resolved-member';
import { literalOf } from './sql-literal';

/** The aggregate SQL spells for each Cube measure type. */
const AGGREGATE_FOR: Record<string, string> = {
  count: 'count',
  countDistinct: 'count distinct',
  countDistinctApprox: 'count distinct',
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
};

function fieldsOf(ref: Record<string, any>): string[] {
  return (ref.fields as Record<string, any>[]).map((f) => {
    if (f.A_Star) throw unsupported('* inside an expression', ref.location);
    return f.String.sval as string;
  });
}

export function functionName(call: Record<string, any>): string {
  return (call.funcname as { String: { sval: string } }[]).map((n) => n.String.sval).join('.').toLowerCase().replace(/^pg_catalog\./, '');
}

/** COUNT(*): the view's count measure. */
function countStar(scope: FromScope, location: number): ResolvedMember {
  if (scope.derived) throw unsupported('COUNT(*) over a subquery', location);
  const counts = scope.star().filter((c) => c.member.kind === 'measure' && c.member.column.aggType === 'count');
  if (!counts[0]) throw unsupported(`COUNT(*) on ${scope.table.name}, which has no count measure,`, location);
  return counts[0].member;
}

/** An aggregate call over a column: allowed only when it is the measure's own aggregation. */
function aggregate(name: string, call: Record<string, any>, scope: FromScope, params: (string | null)[]): ResolvedMember {
  if (call.agg_star) {
    if (name !== 'count') throw new SqlApiError(SQLSTATE.syntaxError, `${name}(*) is not valid`, call.location);
    return countStar(scope, call.location);
  }
  if ((call.args ?? []).length !== 1) throw unsupported(`${name}() with ${(call.args ?? []).length} arguments`, call.location);
  const inner = resolveExpression(call.args[0], scope, params);
  if (inner.kind !== 'measure') {
    throw unsupported(`Aggregate ${name.toUpperCase()}() over dimension ${inner.column.name} (only measures aggregate)`, call.location);
  }
  if (name === 'measure') return inner;
  if (scope.derived) throw unsupported(`${name.toUpperCase()}() over a subquery`, call.location);
  const spelled = call.agg_distinct ? `${name} distinct` : name;
  const expected = AGGREGATE_FOR[inner.column.aggType ?? ''];
  if (spelled !== expected) {
    const hint = expected ? `use ${expected.toUpperCase()}() or MEASURE()` : 'use MEASURE()';
    throw new SqlApiError(
      SQLSTATE.featureNotSupported,
      `${spelled.toUpperCase()}() over measure ${inner.column.name} (of type ${inner.column.aggType}) is not supported by the SQL API; ${hint}`,
      call.location,
    );
  }
  return inner;
}

/**
 * What a select-list, GROUP BY, ORDER BY or filter expression stands for: a column,
 * MEASURE(col), the measure's own aggregate, or date_trunc('unit', time column).
 */
export function resolveExpression(node: Record<string, any>, scope: FromScope, params: (string | null)[]): ResolvedMember {
  if (node.ColumnRef) return scope.resolve(fieldsOf(node.ColumnRef), node.ColumnRef.location);
  if (node.FuncCall) {
    const call = node.FuncCall;
    const name = functionName(call);
    if (call.over) throw unsupported('Window functions', call.location);
    if (call.agg_filter) throw unsupported('Aggregate FILTER', call.location);
    if (call.agg_order) throw unsupported('Ordered aggregates', call.location);
    if (['measure', 'count', 'sum', 'avg', 'min', 'max'].includes(name)) return aggregate(name, call, scope, params);
    if (name === 'date_trunc') {
      const [unit, arg] = call.args ?? [];
      if (!unit || !arg || call.args.length !== 2) throw unsupported('date_trunc() with a time zone', call.location);
      const granularity = literalOf(unit, params)?.toLowerCase() ?? '';
      if (!GRANULARITIES.has(granularity)) throw unsupported(`date_trunc('${granularity}', ...)`, call.location);
      const inner = resolveExpression(arg, scope, params);
      if (inner.kind !== 'dimension' || inner.column.type !== 'time') {
        throw new SqlApiError(SQLSTATE.undefinedFunction, `date_trunc() needs a time column, not ${inner.column.name}`, call.location);
      }
      return timeOf(inner.column, granularity);
    }
    throw unsupported(`Function ${name}()`, call.location);
  }
  if (node.TypeCast) return resolveExpression(node.TypeCast.arg, scope, params);
  throw unsupported(describeNode(node), locationOf(node));
}

/** A human name for an expression the SQL API does not translate. */
export function describeNode(node: Record<string, any>): string {
  const type = Object.keys(node)[0] ?? 'expression';
  const names: Record<string, string> = {
    CaseExpr: 'CASE expression',
    A_Expr: 'Operator expression',
    SubLink: 'Subquery expression',
    CoalesceExpr: 'COALESCE',
    A_Const: 'A constant in this position',
    NullTest: 'IS NULL in this position',
    BoolExpr: 'Boolean expression in this position',
    ParamRef: 'A parameter in this position',
  };
  if (type === 'A_Expr') return `Operator ${node.A_Expr.name?.[0]?.String?.sval ?? node.A_Expr.kind} over columns`;
  return names[type] ?? `Expression ${type}`;
}

export function locationOf(node: Record<string, any>): number | undefined {
  const inner = Object.values(node)[0] as { location?: number } | undefined;
  return inner?.location;
}
