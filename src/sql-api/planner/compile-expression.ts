import type { A_Const, A_Expr, CaseExpr, FuncCall, Node, SubLink, TypeCast, WindowDef } from '@pgsql/types';
import { ALLOWED_FUNCTIONS, ALLOWED_OPERATORS, DATE_FIELDS, TRUNC_UNITS } from './allowed-functions';
import { SqlApiError, SQLSTATE, unsupported } from './plan-error';
import type { ResolvedColumn, Scope } from './scope';
import { castType, isNumeric, SQL_TYPES, widerNumeric, type SqlType } from './sql-type';

export type ExprType = SqlType | 'unknown';

/** An expression as SQL our code wrote, with its type and whether it aggregates. */
export interface Compiled {
  sql: string;
  type: ExprType;
  aggregates: boolean;
}

/**
 * Where compiled SQL goes: outer SQL for the database (constants become `$n`), or the
 * SQL of a Cube member expression (constants become Cube's `$n$` expression params,
 * columns `${view.member}`). The compiler itself never copies text from the statement:
 * identifiers come from `column`, constants from `bind`, keywords from its own tables.
 */
export interface CompileTarget {
  scope: Scope;
  /** The statement's $n values. */
  params: (string | null)[];
  column(resolved: ResolvedColumn, location?: number): Compiled;
  /** A placeholder for a constant; `type` unknown leaves PostgreSQL to infer it, as for a literal. */
  bind(value: string | null, type: ExprType): string;
  /** An aggregate call (`window`: under OVER, where its argument may aggregate); throws where aggregates are not allowed. */
  aggregate(call: FuncCall, name: string, compile: (node: Node) => Compiled, window?: boolean): Compiled;
  /** Window functions allowed here. */
  windows: boolean;
  /** A subquery in an expression, where supported. */
  subquery?(link: SubLink): Compiled;
}

export function functionNameOf(call: FuncCall): string {
  const names = (call.funcname ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : ''));
  if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) throw unsupported(`Function ${names.join('.')}()`, call.location);
  return names.at(-1)!.toLowerCase();
}

function stringOf(node: Node | undefined): string | undefined {
  return node && 'String' in node ? node.String.sval ?? '' : undefined;
}

/** The value of a constant as text (as PostgreSQL would read the literal), or null. */
export function constantText(c: A_Const): string | null {
  if (c.isnull) return null;
  if (c.sval) return c.sval.sval ?? '';
  // The JSON form leaves out zero and false.
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return String(c.fval.fval);
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  throw unsupported('A bit-string constant', c.location);
}

/** A user's $n value; 08P01 when the statement has no such parameter. */
export function paramValue(params: (string | null)[], n: number, location?: number): string | null {
  if (n < 1 || n > params.length) throw new SqlApiError(SQLSTATE.protocolViolation, `there is no parameter $${n}`, location);
  return params[n - 1] ?? null;
}

/** The text of a constant or parameter (keyword arguments like date_trunc's unit). */
export function keywordArgument(node: Node | undefined, params: (string | null)[], what: string): string {
  let value: string | null | undefined;
  if (node && 'A_Const' in node) value = constantText(node.A_Const);
  else if (node && 'ParamRef' in node) value = paramValue(params, node.ParamRef.number ?? 0, node.ParamRef.location);
  else if (node && 'TypeCast' in node) return keywordArgument(node.TypeCast.arg, params, what);
  if (value === null || value === undefined) throw unsupported(`${what} that is not a constant`);
  return value.toLowerCase();
}

function resultOf(types: ExprType[]): ExprType {
  const known = types.filter((t) => t !== 'unknown');
  if (known.length === 0) return 'unknown';
  if (known.every(isNumeric)) return known.reduce<SqlType>((a, b) => widerNumeric(a, b), known[0] as SqlType);
  return known[0]!;
}

/** A constant of unknown type as text where PostgreSQL would resolve it to text anyway. */
function asText(c: Compiled): Compiled {
  return c.type === 'unknown' ? { ...c, sql: `${c.sql}::text`, type: 'text' } : c;
}

const TIME_TYPES = new Set<ExprType>(['date', 'timestamp', 'timestamptz']);

function arithmeticType(op: string, left: ExprType, right: ExprType): ExprType {
  if (op === '||') return 'text';
  if (TIME_TYPES.has(left) || TIME_TYPES.has(right) || left === 'interval' || right === 'interval') {
    if (op === '-' && TIME_TYPES.has(left) && TIME_TYPES.has(right)) return left === 'date' && right === 'date' ? 'int4' : 'interval';
    const time = TIME_TYPES.has(left) ? left : right;
    const other = time === left ? right : left;
    if (time === 'date') return other === 'interval' ? 'timestamp' : 'date';
    if (TIME_TYPES.has(time)) return time;
    return 'interval';
  }
  if (left === 'unknown' && right === 'unknown') return 'numeric';
  if (left === 'unknown') return right;
  if (right === 'unknown') return left;
  return widerNumeric(left, right);
}

function operatorName(expr: A_Expr): string {
  const names = (expr.name ?? []).map(stringOf);
  if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) throw unsupported(`Operator ${names.join('.')}`, expr.location);
  return names.at(-1) ?? '';
}

/** Compiles one expression of the statement's tree with the allow-list; anything else is 0A000 naming it. */
export function compileExpression(node: Node, target: CompileTarget): Compiled {
  const compile = (n: Node): Compiled => compileExpression(n, target);
  const all = (nodes: Node[] | undefined) => (nodes ?? []).map(compile);
  const agg = (...parts: Compiled[]) => parts.some((p) => p.aggregates);

  if ('ColumnRef' in node) {
    const fields = (node.ColumnRef.fields ?? []).map((f) => {
      if ('A_Star' in f) throw unsupported('* inside an expression', node.ColumnRef.location);
      return stringOf(f)!;
    });
    return target.column(target.scope.resolve(fields, node.ColumnRef.location), node.ColumnRef.location);
  }
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.isnull) return { sql: 'NULL', type: 'unknown', aggregates: false };
    if (c.ival) return { sql: `${target.bind(constantText(c), 'int4')}`, type: 'int4', aggregates: false };
    if (c.fval) {
      const text = String(c.fval.fval);
      const type: SqlType = /^-?\d+$/.test(text) ? 'int8' : 'numeric';
      return { sql: target.bind(text, type), type, aggregates: false };
    }
    if (c.boolval) return { sql: target.bind(constantText(c), 'bool'), type: 'bool', aggregates: false };
    if (c.sval) return { sql: target.bind(constantText(c), 'unknown'), type: 'unknown', aggregates: false };
    throw unsupported('A bit-string constant', c.location);
  }
  if ('ParamRef' in node) {
    return { sql: target.bind(paramValue(target.params, node.ParamRef.number ?? 0, node.ParamRef.location), 'unknown'), type: 'unknown', aggregates: false };
  }
  if ('TypeCast' in node) return compileCast(node.TypeCast, compile);
  if ('A_Expr' in node) return compileOperator(node.A_Expr, compile);
  if ('BoolExpr' in node) {
    const args = all(node.BoolExpr.args);
    const op = node.BoolExpr.boolop;
    if (op === 'NOT_EXPR') return { sql: `(NOT ${args[0]!.sql})`, type: 'bool', aggregates: agg(...args) };
    return { sql: `(${args.map((a) => a.sql).join(op === 'AND_EXPR' ? ' AND ' : ' OR ')})`, type: 'bool', aggregates: agg(...args) };
  }
  if ('NullTest' in node) {
    const arg = compile(node.NullTest.arg!);
    return { sql: `(${arg.sql} ${node.NullTest.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'})`, type: 'bool', aggregates: arg.aggregates };
  }
  if ('BooleanTest' in node) {
    const arg = compile(node.BooleanTest.arg!);
    const tests: Record<string, string> = {
      IS_TRUE: 'IS TRUE', IS_NOT_TRUE: 'IS NOT TRUE', IS_FALSE: 'IS FALSE', IS_NOT_FALSE: 'IS NOT FALSE', IS_UNKNOWN: 'IS UNKNOWN', IS_NOT_UNKNOWN: 'IS NOT UNKNOWN',
    };
    return { sql: `(${arg.sql} ${tests[node.BooleanTest.booltesttype ?? 'IS_TRUE']})`, type: 'bool', aggregates: arg.aggregates };
  }
  if ('CaseExpr' in node) return compileCase(node.CaseExpr, compile);
  if ('CoalesceExpr' in node) {
    const args = all(node.CoalesceExpr.args);
    const type = resultOf(args.map((a) => a.type));
    const typed = type === 'unknown' ? args.map(asText) : args;
    return { sql: `COALESCE(${typed.map((a) => a.sql).join(', ')})`, type: type === 'unknown' ? 'text' : type, aggregates: agg(...args) };
  }
  if ('MinMaxExpr' in node) {
    const args = all(node.MinMaxExpr.args);
    const type = resultOf(args.map((a) => a.type));
    return { sql: `${node.MinMaxExpr.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${args.map((a) => a.sql).join(', ')})`, type, aggregates: agg(...args) };
  }
  if ('SQLValueFunction' in node) {
    const fns: Record<string, [string, SqlType]> = {
      SVFOP_CURRENT_DATE: ['CURRENT_DATE', 'date'],
      SVFOP_CURRENT_TIMESTAMP: ['CURRENT_TIMESTAMP', 'timestamptz'],
      SVFOP_LOCALTIMESTAMP: ['LOCALTIMESTAMP', 'timestamp'],
    };
    const fn = fns[node.SQLValueFunction.op ?? ''];
    if (!fn) throw unsupported(`${String(node.SQLValueFunction.op).replace('SVFOP_', '')} in a data query`, node.SQLValueFunction.location);
    return { sql: fn[0], type: fn[1], aggregates: false };
  }
  if ('FuncCall' in node) return compileFunction(node.FuncCall, target, compile);
  if ('SubLink' in node) {
    if (!target.subquery) throw unsupported('A subquery in this position', node.SubLink.location);
    return target.subquery(node.SubLink);
  }
  if ('A_ArrayExpr' in node) {
    const elements = all(node.A_ArrayExpr.elements);
    return { sql: `ARRAY[${elements.map((e) => e.sql).join(', ')}]`, type: 'unknown', aggregates: agg(...elements) };
  }
  throw unsupported(`Expression ${Object.keys(node)[0]}`);
}

function compileCast(cast: TypeCast, compile: (n: Node) => Compiled): Compiled {
  const names = (cast.typeName?.names ?? []).map((n) => stringOf(n) ?? '');
  const type = castType(names);
  if (!type || cast.typeName?.arrayBounds?.length) throw unsupported(`A cast to ${names.filter((n) => n !== 'pg_catalog').join(' ')}`, cast.location);
  let spelled: string = SQL_TYPES[type].cast;
  const mods = cast.typeName?.typmods ?? [];
  if (mods.length) {
    if (type === 'interval') throw unsupported('An interval with fields (INTERVAL ... DAY)', cast.location);
    const numbers = mods.map((m) => ('A_Const' in m && m.A_Const.ival ? Number(m.A_Const.ival.ival ?? 0) : Number.NaN));
    if (numbers.some((n) => !Number.isInteger(n))) throw unsupported('A type modifier that is not a number', cast.location);
    // Only numeric's precision and scale change values; a text length does not matter here.
    if (type === 'numeric') spelled = `numeric(${numbers.join(', ')})`;
    if (type === 'timestamp' || type === 'timestamptz') spelled = `${spelled}(${numbers.join(', ')})`;
  }
  const arg = compile(cast.arg!);
  return { sql: `CAST(${arg.sql} AS ${spelled})`, type, aggregates: arg.aggregates };
}

function compileCase(expr: CaseExpr, compile: (n: Node) => Compiled): Compiled {
  const arg = expr.arg ? compile(expr.arg) : undefined;
  const whens = (expr.args ?? []).map((w) => {
    if (!('CaseWhen' in w)) throw unsupported('This CASE');
    return { when: compile(w.CaseWhen.expr!), then: compile(w.CaseWhen.result!) };
  });
  const otherwise = expr.defresult ? compile(expr.defresult) : undefined;
  const results = [...whens.map((w) => w.then), ...(otherwise ? [otherwise] : [])];
  const type = resultOf(results.map((r) => r.type));
  const typed = (c: Compiled) => (type === 'unknown' ? asText(c) : c);
  const sql = `CASE${arg ? ` ${arg.sql}` : ''}${whens.map((w) => ` WHEN ${w.when.sql} THEN ${typed(w.then).sql}`).join('')}${otherwise ? ` ELSE ${typed(otherwise).sql}` : ''} END`;
  const aggregates = [arg, otherwise, ...whens.flatMap((w) => [w.when, w.then])].some((c) => c?.aggregates);
  return { sql, type: type === 'unknown' ? 'text' : type, aggregates };
}

function compileOperator(expr: A_Expr, compile: (n: Node) => Compiled): Compiled {
  const op = operatorName(expr);
  const kind = expr.kind;
  const left = expr.lexpr ? compile(expr.lexpr) : undefined;
  const aggregates = (...parts: (Compiled | undefined)[]) => parts.some((p) => p?.aggregates);
  switch (kind) {
    case 'AEXPR_OP': {
      const family = ALLOWED_OPERATORS[op];
      if (!family) throw unsupported(`Operator ${op}`, expr.location);
      const right = compile(expr.rexpr!);
      if (!left) {
        if (op !== '-' && op !== '+') throw unsupported(`Prefix operator ${op}`, expr.location);
        return { sql: `(${op}${right.sql})`, type: right.type === 'unknown' ? 'numeric' : right.type, aggregates: right.aggregates };
      }
      const sqlOp = op === '~~' ? 'LIKE' : op === '!~~' ? 'NOT LIKE' : op === '~~*' ? 'ILIKE' : op === '!~~*' ? 'NOT ILIKE' : op;
      const type = family === 'bool' ? 'bool' : arithmeticType(op, left.type, right.type);
      const l = op === '||' ? asText(left) : left;
      const r = op === '||' ? asText(right) : right;
      return { sql: `(${l.sql} ${sqlOp} ${r.sql})`, type, aggregates: aggregates(left, right) };
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      if (!['=', '<>', '!=', '<', '<=', '>', '>='].includes(op)) throw unsupported(`Operator ${op} ANY/ALL`, expr.location);
      const right = compile(expr.rexpr!);
      return { sql: `(${left!.sql} ${op} ${kind === 'AEXPR_OP_ANY' ? 'ANY' : 'ALL'}(${right.sql}))`, type: 'bool', aggregates: aggregates(left, right) };
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const right = compile(expr.rexpr!);
      return { sql: `(${left!.sql} IS ${kind === 'AEXPR_DISTINCT' ? '' : 'NOT '}DISTINCT FROM ${right.sql})`, type: 'bool', aggregates: aggregates(left, right) };
    }
    case 'AEXPR_NULLIF': {
      const right = compile(expr.rexpr!);
      return { sql: `NULLIF(${left!.sql}, ${right.sql})`, type: left!.type, aggregates: aggregates(left, right) };
    }
    case 'AEXPR_IN': {
      const items = expr.rexpr && 'List' in expr.rexpr ? (expr.rexpr.List.items ?? []).map(compile) : [compile(expr.rexpr!)];
      return { sql: `(${left!.sql} ${op === '<>' ? 'NOT IN' : 'IN'} (${items.map((i) => i.sql).join(', ')}))`, type: 'bool', aggregates: aggregates(left, ...items) };
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      const right = compile(expr.rexpr!);
      const words: Record<string, string> = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' };
      if (!words[op]) throw unsupported(`Operator ${op}`, expr.location);
      return { sql: `(${left!.sql} ${words[op]} ${right.sql})`, type: 'bool', aggregates: aggregates(left, right) };
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM': {
      const [low, high] = expr.rexpr && 'List' in expr.rexpr ? (expr.rexpr.List.items ?? []).map(compile) : [];
      const word = { AEXPR_BETWEEN: 'BETWEEN', AEXPR_NOT_BETWEEN: 'NOT BETWEEN', AEXPR_BETWEEN_SYM: 'BETWEEN SYMMETRIC', AEXPR_NOT_BETWEEN_SYM: 'NOT BETWEEN SYMMETRIC' }[kind];
      return { sql: `(${left!.sql} ${word} ${low!.sql} AND ${high!.sql})`, type: 'bool', aggregates: aggregates(left, low, high) };
    }
    default:
      throw unsupported(`Operator ${String(kind).replace('AEXPR_', '')}`, expr.location);
  }
}

function compileWindow(over: WindowDef, compile: (n: Node) => Compiled): string {
  if (over.name || over.refname) throw unsupported('A named WINDOW');
  // 1058 is PostgreSQL's default frame (RANGE UNBOUNDED PRECEDING, with or without ORDER BY).
  if (over.frameOptions && over.frameOptions !== 1058 && over.frameOptions !== 1040) throw unsupported('A window frame clause');
  const partition = (over.partitionClause ?? []).map((p) => compile(p).sql);
  const order = (over.orderClause ?? []).map((s) => sortSql(s, compile));
  return `OVER (${partition.length ? `PARTITION BY ${partition.join(', ')}` : ''}${order.length ? `${partition.length ? ' ' : ''}ORDER BY ${order.join(', ')}` : ''})`;
}

/** One ORDER BY item as SQL: the expression, direction and NULLS placement. */
export function sortSql(sort: Node, compile: (n: Node) => Compiled, expression?: string): string {
  if (!('SortBy' in sort)) throw unsupported('This ORDER BY item');
  const s = sort.SortBy;
  if (s.useOp) throw unsupported('ORDER BY ... USING');
  const dir = s.sortby_dir === 'SORTBY_DESC' ? ' DESC' : s.sortby_dir === 'SORTBY_ASC' ? ' ASC' : '';
  const nulls = s.sortby_nulls === 'SORTBY_NULLS_FIRST' ? ' NULLS FIRST' : s.sortby_nulls === 'SORTBY_NULLS_LAST' ? ' NULLS LAST' : '';
  return `${expression ?? compile(s.node!).sql}${dir}${nulls}`;
}

function compileFunction(call: FuncCall, target: CompileTarget, compile: (n: Node) => Compiled): Compiled {
  const name = functionNameOf(call);
  if (name === 'measure') return target.aggregate(call, name, compile);
  const fn = ALLOWED_FUNCTIONS[name];
  if (!fn) throw unsupported(`Function ${name}()`, call.location);
  if (call.agg_within_group || call.agg_order) throw unsupported(`${name}() with ORDER BY inside`, call.location);
  if (call.func_variadic) throw unsupported('VARIADIC', call.location);
  if (call.over) {
    if (!target.windows) throw unsupported('A window function in this position', call.location);
    if (call.agg_distinct || call.agg_filter) throw unsupported('DISTINCT or FILTER in a window function', call.location);
    const inner: Compiled = fn.kind === 'aggregate'
      ? target.aggregate({ ...call, over: undefined }, name, compile, true)
      : fn.kind === 'window'
        ? windowCall(name, call, compile)
        : (() => { throw unsupported(`${name}() with OVER`, call.location); })();
    return { sql: `${inner.sql} ${compileWindow(call.over, compile)}`, type: inner.type, aggregates: false };
  }
  if (fn.kind === 'window') throw new SqlApiError(SQLSTATE.syntaxError, `window function ${name} requires an OVER clause`, call.location);
  if (fn.kind === 'aggregate') return target.aggregate(call, name, compile);
  if (call.agg_star || call.agg_distinct || call.agg_filter) throw new SqlApiError(SQLSTATE.syntaxError, `${name}() is not an aggregate function`, call.location);
  const args = call.args ?? [];
  if (name === 'extract' || name === 'date_part') {
    const field = keywordArgument(args[0], target.params, `${name}()'s field`);
    if (!DATE_FIELDS.has(field) || args.length !== 2) throw unsupported(`${name}('${field.replace(/[^a-z]/g, '')}', ...)`, call.location);
    const value = compile(args[1]!);
    const sql = name === 'extract' ? `EXTRACT(${field.toUpperCase()} FROM ${value.sql})` : `date_part('${field}', ${value.sql})`;
    return { sql, type: fn.returns as SqlType, aggregates: value.aggregates };
  }
  if (name === 'date_trunc') {
    const unit = keywordArgument(args[0], target.params, "date_trunc()'s unit");
    if (!TRUNC_UNITS.has(unit) || args.length < 2 || args.length > 3) throw unsupported(`date_trunc('${unit.replace(/[^a-z]/g, '')}', ...)`, call.location);
    const value = compile(args[1]!);
    const zone = args[2] ? compile(args[2]) : undefined;
    const type = value.type === 'date' ? 'timestamp' : value.type === 'unknown' ? 'timestamptz' : value.type;
    return { sql: `date_trunc('${unit}', ${value.sql}${zone ? `, ${zone.sql}` : ''})`, type, aggregates: value.aggregates || !!zone?.aggregates };
  }
  const compiled = args.map(compile);
  const aggregates = compiled.some((c) => c.aggregates);
  let type: ExprType;
  if (fn.returns === 'arg0' || fn.returns === 'arg1') type = compiled[fn.returns === 'arg0' ? 0 : 1]?.type ?? 'unknown';
  else if (fn.returns === 'numericArg0') {
    const t = compiled[0]?.type ?? 'numeric';
    type = name === 'round' || name === 'trunc' ? (t === 'float8' || t === 'float4' ? 'float8' : 'numeric') : t === 'unknown' ? 'numeric' : t;
  } else type = fn.returns;
  if (name === 'timezone') type = compiled[1]?.type === 'timestamptz' ? 'timestamp' : 'timestamptz';
  if ((name === 'concat' || name === 'concat_ws') && compiled.length) {
    return { sql: `pg_catalog.${name}(${compiled.map((c) => asText(c).sql).join(', ')})`, type, aggregates };
  }
  return { sql: `pg_catalog.${name}(${compiled.map((c) => c.sql).join(', ')})`, type: type === 'unknown' ? 'text' : type, aggregates };
}

function windowCall(name: string, call: FuncCall, compile: (n: Node) => Compiled): Compiled {
  const args = (call.args ?? []).map(compile);
  const fn = ALLOWED_FUNCTIONS[name]!;
  const type = fn.returns === 'arg0' ? args[0]?.type ?? 'unknown' : (fn.returns as SqlType);
  return { sql: `pg_catalog.${name}(${args.map((a) => a.sql).join(', ')})`, type, aggregates: false };
}
