import type { A_Const, A_Expr, FuncCall, Node, TypeCast } from '@pgsql/types';
import { ALLOWED_FUNCTIONS, ALLOWED_OPERATORS, CAST_TYPES, CELL_AGGREGATES, DATE_FIELDS, TRUNC_UNITS } from './allowed-functions';

/** What a member expression may be in a Cube query: its position decides whether it aggregates. */
export type ExpressionPosition = 'measure' | 'dimension' | 'segment';

/** One `${view.member}` of the expression, as the placeholder column the parser saw. */
export interface ReferencedMember {
  /** `${view.member}` as written back into the expression. */
  readonly reference: string;
  readonly kind: 'measure' | 'dimension' | 'segment';
  readonly type: string;
}

export interface RenderOptions {
  readonly position: ExpressionPosition;
  /** Placeholder column name to the member it stands for. */
  readonly members: ReadonlyMap<string, ReferencedMember>;
  /** `$n$` parameters by the ParamRef number the parser saw (n + 1). */
  readonly params: number;
  /** The finest time unit the caller may see: every time member is truncated to it. */
  readonly truncateTimeTo?: string;
  /**
   * The caller's cells must count at least this many people. COUNT(DISTINCT member) is then
   * refused: a cell of k people or more counting 2 job titles where one title is held by one
   * person says that person's cell exists, which the answer grouped by title leaves out.
   */
  readonly minCellSize?: number;
}

/** An expression outside what the boundary admits; the caller gets the words of an unknown member. */
export class ExpressionNotAdmitted extends Error {}

function refuse(what: string): never {
  throw new ExpressionNotAdmitted(what);
}

function stringOf(node: Node | undefined): string {
  if (node && 'String' in node) return node.String.sval ?? '';
  return refuse('a name that is not a string');
}

/** A string literal; the text was read from a template with no backtick, backslash or dollar sign. */
function literal(text: string): string {
  if (/[`\\$]/.test(text) || text.includes(String.fromCharCode(0))) refuse('a literal with a character JavaScript or PostgreSQL would read as code');
  return `'${text.replace(/'/g, "''")}'`;
}

function constant(c: A_Const): string {
  if (c.isnull) return 'NULL';
  if (c.ival) return String(Number(c.ival.ival ?? 0));
  if (c.fval) {
    const text = String(c.fval.fval ?? '');
    if (!/^[0-9]*\.?[0-9]*(e[+-]?[0-9]+)?$/i.test(text) || text === '') refuse('a number that is not a number');
    return text;
  }
  if (c.boolval) return c.boolval.boolval ? 'TRUE' : 'FALSE';
  if (c.sval) return literal(c.sval.sval ?? '');
  return refuse('a bit-string constant');
}

/**
 * Renders a parsed member expression back to SQL, admitting only the allow-listed
 * node types, operators, casts and functions, and writing every piece itself: the
 * SQL Cube receives is made from the tree, never copied from the caller's text
 * (no comment, no dollar quoting, no escape survives).
 */
export class ExpressionRenderer {
  private inAggregate = false;
  /** Whether the expression summarises its rows (an aggregate, or a measure, which is one). */
  private aggregates = false;

  constructor(private readonly options: RenderOptions) {}

  /** The expression as SQL; a measure expression must aggregate, or it would be one row's value. */
  renderExpression(node: Node): string {
    const sql = this.render(node);
    if (this.options.position === 'measure' && !this.aggregates) refuse('a measure that does not aggregate');
    return sql;
  }

  render(node: Node): string {
    if ('A_Const' in node) return constant(node.A_Const);
    if ('ParamRef' in node) {
      const n = node.ParamRef.number ?? 0;
      if (n < 1 || n > this.options.params) refuse('a parameter that is not one of the expression\'s');
      return `$${n - 1}$`;
    }
    if ('ColumnRef' in node) return this.column(node);
    if ('TypeCast' in node) return this.cast(node.TypeCast);
    if ('A_Expr' in node) return this.operator(node.A_Expr);
    if ('BoolExpr' in node) {
      const args = (node.BoolExpr.args ?? []).map((a) => this.render(a));
      if (node.BoolExpr.boolop === 'NOT_EXPR' && args.length === 1) return `(NOT ${args[0]})`;
      if (node.BoolExpr.boolop === 'AND_EXPR' && args.length >= 2) return `(${args.join(' AND ')})`;
      if (node.BoolExpr.boolop === 'OR_EXPR' && args.length >= 2) return `(${args.join(' OR ')})`;
      return refuse('a boolean operator');
    }
    if ('NullTest' in node) {
      const test = node.NullTest.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : node.NullTest.nulltesttype === 'IS_NULL' ? 'IS NULL' : refuse('a null test');
      return `(${this.render(node.NullTest.arg!)} ${test})`;
    }
    if ('BooleanTest' in node) {
      const tests: Record<string, string> = {
        IS_TRUE: 'IS TRUE', IS_NOT_TRUE: 'IS NOT TRUE', IS_FALSE: 'IS FALSE', IS_NOT_FALSE: 'IS NOT FALSE', IS_UNKNOWN: 'IS UNKNOWN', IS_NOT_UNKNOWN: 'IS NOT UNKNOWN',
      };
      const test = tests[node.BooleanTest.booltesttype ?? ''] ?? refuse('a boolean test');
      return `(${this.render(node.BooleanTest.arg!)} ${test})`;
    }
    if ('CaseExpr' in node) {
      const c = node.CaseExpr;
      const whens = (c.args ?? []).map((w) => ('CaseWhen' in w ? ` WHEN ${this.render(w.CaseWhen.expr!)} THEN ${this.render(w.CaseWhen.result!)}` : refuse('a CASE arm')));
      if (whens.length === 0) refuse('a CASE without WHEN');
      return `(CASE${c.arg ? ` ${this.render(c.arg)}` : ''}${whens.join('')}${c.defresult ? ` ELSE ${this.render(c.defresult)}` : ''} END)`;
    }
    if ('CoalesceExpr' in node) return `COALESCE(${this.list(node.CoalesceExpr.args)})`;
    if ('MinMaxExpr' in node) {
      const op = node.MinMaxExpr.op === 'IS_GREATEST' ? 'GREATEST' : node.MinMaxExpr.op === 'IS_LEAST' ? 'LEAST' : refuse('GREATEST/LEAST');
      return `${op}(${this.list(node.MinMaxExpr.args)})`;
    }
    if ('SQLValueFunction' in node) {
      const words: Record<string, string> = { SVFOP_CURRENT_DATE: 'CURRENT_DATE', SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP', SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP' };
      return words[node.SQLValueFunction.op ?? ''] ?? refuse('a session value');
    }
    if ('FuncCall' in node) return this.call(node.FuncCall);
    return refuse(`${Object.keys(node)[0]} in an expression`);
  }

  private list(nodes: Node[] | undefined): string {
    if (!nodes?.length) refuse('an empty argument list');
    return nodes.map((n) => this.render(n)).join(', ');
  }

  private column(node: Extract<Node, { ColumnRef: unknown }>): string {
    const fields = node.ColumnRef.fields ?? [];
    const member = fields.length === 1 ? this.options.members.get(stringOf(fields[0])) : undefined;
    if (!member) return refuse('a column that is not a member reference');
    if (member.kind === 'segment') refuse('a segment inside an expression');
    if (member.kind === 'measure') {
      // A measure is aggregated SQL of its own: it belongs to a measure expression, outside any aggregate.
      if (this.options.position !== 'measure' || this.inAggregate) refuse('a measure where it cannot be aggregated');
      this.aggregates = true;
      return member.reference;
    }
    // A dimension in a measure expression is summarised by an aggregate, or it would be one row's value.
    if (this.options.position === 'measure' && !this.inAggregate) refuse('a dimension outside an aggregate in a measure');
    if (member.type === 'time' && this.options.truncateTimeTo) return `date_trunc('${this.options.truncateTimeTo}', ${member.reference})`;
    return member.reference;
  }

  private cast(cast: TypeCast): string {
    const names = (cast.typeName?.names ?? []).map(stringOf).filter((name) => name !== 'pg_catalog');
    const type = names.length === 1 ? CAST_TYPES[names[0]!.toLowerCase()] : undefined;
    if (!type || cast.typeName?.arrayBounds?.length || cast.typeName?.setof || cast.typeName?.pct_type) refuse('a cast to this type');
    const mods = (cast.typeName?.typmods ?? []).map((m) => ('A_Const' in m && m.A_Const.ival ? Number(m.A_Const.ival.ival ?? 0) : Number.NaN));
    if (mods.some((m) => !Number.isInteger(m) || m < 0 || m > 1000) || mods.length > 2) refuse('a type modifier');
    if (mods.length && !['numeric', 'varchar', 'timestamp', 'timestamptz'].includes(type)) refuse('a type modifier');
    return `CAST(${this.render(cast.arg!)} AS ${type}${mods.length ? `(${mods.join(', ')})` : ''})`;
  }

  private operator(expr: A_Expr): string {
    const names = (expr.name ?? []).map(stringOf);
    if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) refuse('a qualified operator');
    const op = names.at(-1) ?? '';
    const left = expr.lexpr ? this.render(expr.lexpr) : undefined;
    const items = (node: Node | undefined): string[] => (node && 'List' in node ? (node.List.items ?? []).map((i) => this.render(i)) : refuse('a list'));
    switch (expr.kind) {
      case 'AEXPR_OP': {
        if (!ALLOWED_OPERATORS[op]) refuse('an operator');
        const right = this.render(expr.rexpr!);
        if (left === undefined) return op === '-' || op === '+' ? `(${op} ${right})` : refuse('a prefix operator');
        const words: Record<string, string> = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' };
        return `(${left} ${words[op] ?? op} ${right})`;
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE': {
        const words: Record<string, string> = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' };
        const word = words[op] ?? refuse('a pattern operator');
        return `(${left ?? refuse('LIKE')} ${word} ${this.render(expr.rexpr!)})`;
      }
      case 'AEXPR_DISTINCT':
      case 'AEXPR_NOT_DISTINCT':
        return `(${left ?? refuse('IS DISTINCT FROM')} IS ${expr.kind === 'AEXPR_DISTINCT' ? '' : 'NOT '}DISTINCT FROM ${this.render(expr.rexpr!)})`;
      case 'AEXPR_NULLIF':
        return `NULLIF(${left ?? refuse('NULLIF')}, ${this.render(expr.rexpr!)})`;
      case 'AEXPR_IN':
        if (op !== '=' && op !== '<>') refuse('IN');
        return `(${left ?? refuse('IN')} ${op === '<>' ? 'NOT IN' : 'IN'} (${items(expr.rexpr).join(', ')}))`;
      case 'AEXPR_OP_ANY':
      case 'AEXPR_OP_ALL': {
        // Only over a written list, `x = ANY(ARRAY[...])` being `x IN (...)`: never over an array value or a subquery.
        if (!['=', '<>', '<', '<=', '>', '>='].includes(op)) refuse('an operator');
        const array = expr.rexpr && 'A_ArrayExpr' in expr.rexpr ? expr.rexpr.A_ArrayExpr.elements : undefined;
        return `(${left ?? refuse('ANY')} ${op} ${expr.kind === 'AEXPR_OP_ANY' ? 'ANY' : 'ALL'}(ARRAY[${this.list(array)}]))`;
      }
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
      case 'AEXPR_NOT_BETWEEN_SYM': {
        const [low, high, ...more] = items(expr.rexpr);
        if (!low || !high || more.length) refuse('BETWEEN');
        const word = { AEXPR_BETWEEN: 'BETWEEN', AEXPR_NOT_BETWEEN: 'NOT BETWEEN', AEXPR_BETWEEN_SYM: 'BETWEEN SYMMETRIC', AEXPR_NOT_BETWEEN_SYM: 'NOT BETWEEN SYMMETRIC' }[expr.kind];
        return `(${left ?? refuse('BETWEEN')} ${word} ${low} AND ${high})`;
      }
      default:
        return refuse('an operator');
    }
  }

  private call(call: FuncCall): string {
    const names = (call.funcname ?? []).map(stringOf);
    if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) refuse('a qualified function');
    const name = (names.at(-1) ?? '').toLowerCase();
    const fn = ALLOWED_FUNCTIONS[name];
    if (!fn || fn.kind === 'window' || call.over) refuse('a function');
    if (call.agg_within_group || call.agg_order?.length || call.func_variadic) refuse('a function call form');
    if (fn.kind === 'aggregate') return this.aggregate(call, name);
    if (call.agg_star || call.agg_distinct || call.agg_filter) refuse('DISTINCT or FILTER outside an aggregate');
    const args = call.args ?? [];
    if (name === 'extract' || name === 'date_part' || name === 'date_trunc') {
      const unit = args[0] && 'A_Const' in args[0] ? args[0].A_Const.sval?.sval?.toLowerCase() : undefined;
      const allowed = name === 'date_trunc' ? TRUNC_UNITS : DATE_FIELDS;
      if (!unit || !allowed.has(unit) || args.length < 2 || args.length > (name === 'date_trunc' ? 3 : 2)) refuse('a date field');
      if (name === 'extract') return `EXTRACT(${unit.toUpperCase()} FROM ${this.render(args[1]!)})`;
      return `${name}('${unit}', ${args.slice(1).map((a) => this.render(a)).join(', ')})`;
    }
    return `pg_catalog.${name}(${args.map((a) => this.render(a)).join(', ')})`;
  }

  /**
   * An aggregate summarises every row of the cell, or it counts a part of the cell's people
   * that may be fewer than k: its argument is one member (or COUNT's *), with no FILTER and no
   * CASE, NULLIF or arithmetic around it (any of them can pick rows: SUM(CASE WHEN ... THEN 1
   * END), SUM(sign(x - 5))), and COUNT counts distinct values, not the rows where one is set
   * (and, for a caller with a minimum cell size, not even those: see `minCellSize`).
   */
  private aggregate(call: FuncCall, name: string): string {
    if (!CELL_AGGREGATES.has(name)) refuse('an aggregate other than COUNT, SUM or AVG');
    if (this.options.position !== 'measure' || this.inAggregate) refuse('an aggregate where it is not allowed');
    const args = call.args ?? [];
    const oneMember = args.length === 1 && 'ColumnRef' in args[0]! && this.options.members.get(stringOf(args[0].ColumnRef.fields?.[0]))?.kind === 'dimension';
    if (call.agg_filter || !(call.agg_star || oneMember) || (name === 'count' && !call.agg_star && !call.agg_distinct)) {
      refuse('an aggregate over a part of the cell');
    }
    if (call.agg_distinct && this.options.minCellSize) refuse('a count of distinct values, which says whether a value held by fewer than k people exists');
    this.inAggregate = true;
    this.aggregates = true;
    try {
      const args = call.agg_star ? '*' : `${call.agg_distinct ? 'DISTINCT ' : ''}${this.list(call.args)}`;
      if (call.agg_star && name !== 'count') refuse('* in an aggregate');
      const filter = call.agg_filter ? ` FILTER (WHERE ${this.render(call.agg_filter)})` : '';
      return `${name === 'count' ? 'COUNT' : name === 'sum' ? 'SUM' : 'AVG'}(${args})${filter}`;
    } finally {
      this.inAggregate = false;
    }
  }
}
