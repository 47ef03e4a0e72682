import { parseSync } from 'libpg-query';
import { checkMemberExpression } from '../../boundary/check-member-expression';
import { visibleMembersFor } from '../../boundary/visible-members';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import type { CubeQuery } from './cube-query';
import { SqlApiError, SQLSTATE } from './plan-error';

const IDENTIFIER = /^[A-Za-z0-9_]+$/;

/** `${view.member}`: how a member expression's SQL names a member (Cube evaluates it through the view). */
export function memberReference(member: string): string {
  const [view, name, ...rest] = member.split('.');
  if (!view || !name || rest.length || !IDENTIFIER.test(view) || !IDENTIFIER.test(name)) {
    throw new SqlApiError(SQLSTATE.internalError, 'a member name that is not an identifier');
  }
  return `\${${view}.${name}}`;
}

/**
 * Cube turns a member expression's SQL into JavaScript (a template literal given to
 * Function), so the SQL must hold nothing that template could run: no backtick, no
 * backslash, and `${` only in member references. Our compiler writes only keywords,
 * resolved member names and `$n$` placeholders; this check makes a slip fail closed.
 */
function assertInertTemplate(sql: string): void {
  const withoutMembers = sql.replace(/\$\{[A-Za-z0-9_]+\.[A-Za-z0-9_]+\}/g, '');
  if (/[`\\]|\$\{/.test(withoutMembers)) throw new SqlApiError(SQLSTATE.internalError, 'refusing a member expression that is not inert');
}

/** A member expression in the JSON form Cube's SQL API sends (`parseMemberExpression` in the gateway). */
export function memberExpression(view: string, alias: string, sql: string): string {
  if (!IDENTIFIER.test(view) || !IDENTIFIER.test(alias)) throw new SqlApiError(SQLSTATE.internalError, 'a member expression name that is not an identifier');
  assertInertTemplate(sql);
  return JSON.stringify({ cubeName: view, alias, expr: { type: 'SqlFunction', cubeParams: [view], sql } });
}

/**
 * A segment true for every row that names one of the query's members. Cube matches an
 * ungrouped query to a rollup pre-aggregation when the rollup has its dimensions, and
 * then answers distinct combinations instead of every row; a member expression is in no
 * rollup, so with this segment Cube reads the rows themselves.
 */
export function everyRowSegment(view: string, member: string, alias: string): string {
  const ref = memberReference(member);
  return memberExpression(view, alias, `(${ref} IS NULL OR ${ref} IS NOT NULL)`);
}

/** Time units finer than a day and EXTRACT fields that read them. */
const FINE_FIELDS = new Set(['hour', 'minute', 'second', 'milliseconds', 'microseconds', 'epoch']);
const UNITS = ['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium'];
const PLACEHOLDER = 'alma_planned_member_';

type Tree = Record<string, unknown>;

/** The text of a constant as the planner writes it (a literal, maybe cast: CAST('-90' AS integer)). */
function constantOf(node: Tree | undefined): string | undefined {
  if (node?.TypeCast) return constantOf((node.TypeCast as Tree).arg as Tree);
  const c = node?.A_Const as Tree | undefined;
  if (!c) return undefined;
  if (c.ival) return String((c.ival as Tree).ival ?? 0);
  const text = (c.sval as Tree | undefined)?.sval;
  return typeof text === 'string' ? text : undefined;
}

/** A whole number constant, or its negation. */
function wholeNumber(node: Tree | undefined): boolean {
  if (/^\s*[-+]?\d+\s*$/.test(constantOf(node) ?? '')) return true;
  const expr = node?.A_Expr as Tree | undefined;
  return !!expr && !expr.lexpr && wholeNumber(expr.rexpr as Tree);
}

function nameOfCall(call: Tree): string {
  const names = (call.funcname as Tree[] | undefined ?? []).map((n) => String((n.String as Tree | undefined)?.sval ?? ''));
  return (names.at(-1) ?? '').toLowerCase();
}

function unitOf(node: unknown): string | undefined {
  const value = ((node as Tree | undefined)?.A_Const as Tree | undefined)?.sval as Tree | undefined;
  return typeof value?.sval === 'string' ? value.sval.toLowerCase() : undefined;
}

/**
 * The parse tree with each `$n$` parameter (ParamRef n + 1) as the constant it stands for:
 * the policy reads constants (whole days, midnight) as if written in the expression.
 */
function withParamValues(node: unknown, params: readonly (string | null)[]): unknown {
  if (Array.isArray(node)) return node.map((item) => withParamValues(item, params));
  if (!node || typeof node !== 'object') return node;
  const tree = node as Tree;
  if (tree.ParamRef) {
    const value = params[Number((tree.ParamRef as Tree).number ?? 0) - 1];
    return value === null || value === undefined ? { A_Const: { isnull: true } } : { A_Const: { sval: { sval: value } } };
  }
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, withParamValues(value, params)]));
}

/**
 * Reads one member expression the planner wrote for a group with a minimum cell size,
 * and names what in it this group may not have. The privacy boundary truncates every
 * time member in such an expression to the group's finest granularity, whatever the
 * expression does with it: that keeps finer times out of every answer, but an
 * expression that reads finer times would then be answered wrongly, and is refused
 * here instead, with its name.
 */
class ExpressionPolicy {
  constructor(
    private readonly members: ReadonlyMap<string, { column: string; time: boolean; masked: boolean }>,
    private readonly finest: string,
  ) {}

  private isCoarse(unit: string | undefined): boolean {
    return unit !== undefined && UNITS.indexOf(unit) >= UNITS.indexOf(this.finest);
  }

  private member(node: unknown) {
    const fields = ((node as Tree | undefined)?.ColumnRef as Tree | undefined)?.fields as Tree[] | undefined;
    const name = (fields?.[0]?.String as Tree | undefined)?.sval;
    return typeof name === 'string' ? this.members.get(name) : undefined;
  }

  /** An interval of whole days: INTERVAL '3 days', -90 * INTERVAL '1 DAY'. */
  private wholeDays(node: Tree | undefined): boolean {
    if (!node) return false;
    if (node.TypeCast) {
      const names = (((node.TypeCast as Tree).typeName as Tree | undefined)?.names as Tree[] | undefined ?? []).map((n) => (n.String as Tree | undefined)?.sval);
      return names.includes('interval') && /^\s*[-+]?\d+\s*days?\s*$/i.test(constantOf(node) ?? '');
    }
    const expr = node.A_Expr as Tree | undefined;
    const op = ((expr?.name as Tree[] | undefined)?.[0]?.String as Tree | undefined)?.sval;
    if (expr?.kind !== 'AEXPR_OP') return false;
    if (op === '-' && !expr.lexpr) return this.wholeDays(expr.rexpr as Tree);
    if (op !== '*') return false;
    return (wholeNumber(expr.lexpr as Tree) && this.wholeDays(expr.rexpr as Tree)) || (this.wholeDays(expr.lexpr as Tree) && wholeNumber(expr.rexpr as Tree));
  }

  /** A value whose time part is midnight (UTC): comparing a time with it by >= or < gives the same rows for a truncated time. */
  private dayAligned(node: Tree): boolean {
    if (node.SQLValueFunction) return (node.SQLValueFunction as Tree).op === 'SVFOP_CURRENT_DATE';
    if (node.TypeCast) {
      const names = ((node.TypeCast as Tree).typeName as Tree | undefined)?.names as Tree[] | undefined;
      const spelled = (names ?? []).map((n) => (n.String as Tree | undefined)?.sval);
      if (spelled.includes('date')) return true;
      return spelled.some((n) => n === 'timestamp' || n === 'timestamptz') && this.dayAligned((node.TypeCast as Tree).arg as Tree);
    }
    if (node.FuncCall) {
      const call = node.FuncCall as Tree;
      const args = (call.args as Tree[] | undefined) ?? [];
      if (nameOfCall(call) === 'date_trunc') return args.length === 2 && this.isCoarse(unitOf(args[0]));
      if (nameOfCall(call) === 'to_timestamp') {
        const text = constantOf(args[0]) ?? '';
        if (args.length === 1) return /^\d+$/.test(text) && Number(text) % 86_400 === 0;
        return args.length === 2 && /^\d{4}-\d{2}-\d{2}( 00:00:00(\.0*)?)?$/.test(text);
      }
      return false;
    }
    const expr = node.A_Expr as Tree | undefined;
    const op = ((expr?.name as Tree[] | undefined)?.[0]?.String as Tree | undefined)?.sval;
    if (expr?.kind === 'AEXPR_OP' && (op === '+' || op === '-') && expr.lexpr) return this.dayAligned(expr.lexpr as Tree) && this.wholeDays(expr.rexpr as Tree);
    const text = unitOf(node);
    return text !== undefined && /^\d{4}-\d{2}-\d{2}( 00:00(:00)?)?$/.test(text);
  }

  /** A time member's value, through casts to a time type, date_trunc and whole days added. */
  private timeValued(node: Tree | undefined): boolean {
    if (!node) return false;
    if (this.member(node)?.time) return true;
    if (node.TypeCast) {
      const names = (((node.TypeCast as Tree).typeName as Tree | undefined)?.names as Tree[] | undefined ?? []).map((n) => (n.String as Tree | undefined)?.sval);
      return names.some((n) => n === 'timestamp' || n === 'timestamptz' || n === 'date') && this.timeValued((node.TypeCast as Tree).arg as Tree);
    }
    if (node.FuncCall && nameOfCall(node.FuncCall as Tree) === 'date_trunc') return this.timeValued(((node.FuncCall as Tree).args as Tree[] | undefined)?.[1]);
    const expr = node.A_Expr as Tree | undefined;
    const op = ((expr?.name as Tree[] | undefined)?.[0]?.String as Tree | undefined)?.sval;
    return expr?.kind === 'AEXPR_OP' && (op === '+' || op === '-') && this.timeValued(expr.lexpr as Tree) && this.wholeDays(expr.rexpr as Tree);
  }

  /** Whether a subtree reads a time member. */
  private readsTime(node: unknown): boolean {
    if (Array.isArray(node)) return node.some((n) => this.readsTime(n));
    if (!node || typeof node !== 'object') return false;
    if (this.member(node)?.time) return true;
    return Object.values(node).some((value) => this.readsTime(value));
  }

  /** Inside date_trunc to the day or coarser, EXTRACT of a day or coarser field, or a cast to date: finer steps do not matter there. */
  private coarseArgument(node: Tree): string | undefined {
    const member = this.member(node);
    if (member) return member.masked ? this.masked(member.column) : undefined;
    if (node.TypeCast) return this.coarseArgument((node.TypeCast as Tree).arg as Tree);
    if (node.FuncCall && nameOfCall(node.FuncCall as Tree) === 'date_trunc') {
      const args = (node.FuncCall as Tree).args as Tree[];
      return args.length === 2 ? this.coarseArgument(args[1]!) : 'date_trunc() with a time zone';
    }
    const expr = node.A_Expr as Tree | undefined;
    const op = ((expr?.name as Tree[] | undefined)?.[0]?.String as Tree | undefined)?.sval;
    if (expr && expr.kind === 'AEXPR_OP' && (op === '+' || op === '-') && expr.lexpr) {
      const interval = expr.rexpr as Tree;
      const days = /^-?\d+ days?$/i.test(unitOf(((interval.TypeCast as Tree | undefined)?.arg)) ?? '');
      if (days) return this.coarseArgument(expr.lexpr as Tree);
    }
    return this.check(node);
  }

  private masked(column: string): string {
    return `An expression over ${column}, which this group sees masked (the mask holds for the column as it is, not inside an expression),`;
  }

  /** The construct this group may not have, or undefined. */
  check(node: unknown): string | undefined {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = this.check(item);
        if (found) return found;
      }
      return undefined;
    }
    if (!node || typeof node !== 'object') return undefined;
    const tree = node as Tree;
    const member = this.member(tree);
    if (member?.masked) return this.masked(member.column);
    if (member?.time) {
      return `${member.column} in an expression other than date_trunc('${this.finest}' or coarser), EXTRACT of a ${this.finest} or coarser field, a cast to date, `
        + 'or a comparison by >= or < with a date (times are truncated to the '
        + `${this.finest} for this group, and the answer would differ from PostgreSQL's)`;
    }
    if (tree.FuncCall) {
      const call = tree.FuncCall as Tree;
      const name = nameOfCall(call);
      const args = (call.args as Tree[] | undefined) ?? [];
      if (name === 'min' || name === 'max') return `${name.toUpperCase()}() of a column that is not a measure (over few rows it names one person's value)`;
      if (['count', 'sum', 'avg'].includes(name) && !call.over) {
        const oneColumn = args.length === 1 && this.member(args[0]) !== undefined;
        if (call.agg_filter || !(call.agg_star || oneColumn)) {
          return `${name.toUpperCase()}() of a condition or a computed value (CASE, FILTER, arithmetic: it would count or sum a part of each cell, which may be fewer people than the minimum)`;
        }
        if (name === 'count' && !call.agg_star && !call.agg_distinct) return 'COUNT() of a column (the rows where it is set may be fewer people than the minimum)';
        if (name === 'count' && call.agg_distinct) return 'COUNT(DISTINCT ...) of a column (a count of values says whether a value held by fewer people than the minimum exists in a cell; group by the column instead, where such cells are left out)';
      }
      if (name === 'timezone') return 'AT TIME ZONE or timezone() (days in another time zone, differenced with UTC\'s, would count people by the hour)';
      if (name === 'extract' || name === 'date_part') {
        const field = unitOf(args[0]);
        if (field && FINE_FIELDS.has(field)) return `${name === 'extract' ? 'EXTRACT' : 'date_part'}(${field.toUpperCase()} ...) (finer than this group's ${this.finest})`;
        if (args[1] && this.readsTime(args[1])) return this.coarseArgument(args[1]);
      }
      if (name === 'date_trunc') {
        const unit = unitOf(args[0]);
        if (!this.isCoarse(unit)) return `date_trunc('${unit ?? '?'}', ...) (finer than this group's ${this.finest})`;
        if (args.length === 2 && this.readsTime(args[1])) return this.coarseArgument(args[1]!);
      }
    }
    if (tree.TypeCast && this.timeValued((tree.TypeCast as Tree).arg as Tree)) {
      const names = (((tree.TypeCast as Tree).typeName as Tree | undefined)?.names as Tree[] | undefined ?? []).map((n) => (n.String as Tree | undefined)?.sval);
      if (names.includes('date')) return this.coarseArgument((tree.TypeCast as Tree).arg as Tree);
      if (!names.some((n) => n === 'timestamp' || n === 'timestamptz')) return `A cast of a time column to ${names.filter((n) => n !== 'pg_catalog').join(' ')}`;
    }
    // A null test of a column reads no finer time; of a masked column it is refused below, as the boundary refuses it.
    if (tree.NullTest && this.member((tree.NullTest as Tree).arg) && !this.member((tree.NullTest as Tree).arg)?.masked) return undefined;
    const expr = tree.A_Expr as Tree | undefined;
    if (expr?.kind === 'AEXPR_OP') {
      const op = ((expr.name as Tree[] | undefined)?.[0]?.String as Tree | undefined)?.sval;
      const [left, right] = [expr.lexpr as Tree | undefined, expr.rexpr as Tree | undefined];
      const timeLeft = left && this.timeValued(left) && !this.member(left)?.masked;
      const timeRight = right && this.timeValued(right) && !this.member(right)?.masked;
      if (timeLeft && right && !this.readsTime(right) && (op === '>=' || op === '<') && this.dayAligned(right)) return this.check(right);
      if (timeRight && left && !this.readsTime(left) && (op === '<=' || op === '>') && this.dayAligned(left)) return this.check(left);
    }
    for (const value of Object.values(tree)) {
      const found = this.check(value);
      if (found) return found;
    }
    return undefined;
  }
}

/**
 * Refuses (0A000, naming the construct) a plan whose member expressions hold what a
 * group with a minimum cell size may not have; see expressionBeyondPolicy.
 */
export function refuseExpressionsBeyondPolicy(query: CubeQuery, securityContext: unknown, params: readonly (string | null)[] = []): void {
  const construct = expressionBeyondPolicy(query, securityContext, params);
  if (!construct) return;
  throw new SqlApiError(
    SQLSTATE.featureNotSupported,
    `${construct} is not supported by the SQL API for this group. Group by columns, by date_trunc('day' or coarser, a time column) or EXTRACT of the day or coarser, `
    + 'and aggregate with COUNT, SUM or AVG.',
  );
}

/**
 * The first construct in a plan's member expressions that a group with a minimum cell
 * size may not have, in words for a 0A000, or undefined: a masked column in an
 * expression, MIN/MAX of a column, time finer than the group's granularity (EXTRACT of
 * hours, date_trunc to the hour, AT TIME ZONE, casts of times to text), and, when the
 * group's counts are perturbed, a calculated measure.
 */
export function expressionBeyondPolicy(query: CubeQuery, securityContext: unknown, params: readonly (string | null)[] = []): string | undefined {
  const policy = disclosurePolicyFor(securityContext);
  if (!policy) return undefined;
  const visible = visibleMembersFor(securityContext);
  const expressions = [...query.measures, ...query.dimensions, ...query.segments].filter((member) => member.startsWith('{'));
  for (const text of expressions) {
    const sql = (JSON.parse(text) as { expr: { sql: string } }).expr.sql;
    if (policy.perturbation === 'cell-key' && query.measures.includes(text)) {
      return 'A calculated measure (this group\'s counts carry cell key noise, which a value computed from them could not carry consistently)';
    }
    const members = new Map<string, { column: string; time: boolean; masked: boolean }>();
    const withColumns = sql.replace(/\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/g, (_, view: string, name: string) => {
      const member = visible.members.get(`${view}.${name}`);
      const placeholder = `${PLACEHOLDER}${members.size}`;
      members.set(placeholder, { column: name, time: member?.type === 'time', masked: member?.masked ?? false });
      return placeholder;
    });
    const tree = withParamValues(parseSync(`SELECT ${withColumns.replace(/\$(\d+)\$/g, (_, n: string) => `$${Number(n) + 1}`)}`), params);
    const found = new ExpressionPolicy(members, policy.finestTimeGranularity).check(tree);
    if (found) return found;
    // What the boundary will not admit is refused here in words, not as Cube's failure (XX000) after it refused.
    const position = query.measures.includes(text) ? 'measure' : query.dimensions.includes(text) ? 'dimension' : 'segment';
    try {
      checkMemberExpression(text, position, visible, securityContext, params.length);
    } catch {
      return 'This expression for this group (expressions may hold only the columns, functions and operators the semantic layer admits; group or filter by the columns themselves)';
    }
  }
  return undefined;
}
