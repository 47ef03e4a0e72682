import { loadModule, parseSync } from 'libpg-query';
import type { Node } from '@pgsql/types';
import { groupPolicyOf } from '../auth/security-context';
import { ExpressionNotAdmitted, ExpressionRenderer, type ExpressionPosition, type ReferencedMember } from './member-expression-sql';
import { unknownCube, unknownMember, unreadableQuery } from './query-refusal';
import { isInternalMember, type VisibleMembers } from './visible-members';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const REFERENCE = /\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/g;
const PARAM = /\$(\d{1,4})\$/g;
/** Placeholder columns the parser sees for member references; a text naming one itself is refused. */
const PLACEHOLDER = 'alma_member_ref_';
/** Longer SQL than any expression a BI tool writes; a bound on the work of checking one. */
const MAX_SQL = 8000;

let parserLoading: Promise<void> | undefined;

/** Loads PostgreSQL's parser (WebAssembly) once; the boundary awaits it before checking queries. */
export function loadMemberExpressionParser(): Promise<void> {
  parserLoading ??= loadModule();
  return parserLoading;
}

interface SqlFunctionExpression {
  cubeName: string;
  alias: string;
  sql: string;
}

/** The JSON of a member expression in the one shape the SQL API sends, exactly. */
function readShape(text: string): SqlFunctionExpression | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { cubeName, alias, expr, ...extra } = parsed as Record<string, unknown>;
  if (Object.keys(extra).length || typeof cubeName !== 'string' || typeof alias !== 'string') return undefined;
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const { type, cubeParams, sql, ...extraExpr } = expr as Record<string, unknown>;
  if (Object.keys(extraExpr).length || type !== 'SqlFunction' || typeof sql !== 'string') return undefined;
  if (!Array.isArray(cubeParams) || cubeParams.length !== 1 || cubeParams[0] !== cubeName) return undefined;
  return { cubeName, alias, sql };
}

/** The single expression of `SELECT <sql>`, or undefined when the text is anything else. */
function parseExpression(sql: string): Node | undefined {
  let tree: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    tree = parseSync(`SELECT ${sql}`);
  } catch {
    return undefined;
  }
  if (tree.stmts?.length !== 1) return undefined;
  const select = tree.stmts[0]!.stmt?.SelectStmt as Record<string, unknown> | undefined;
  if (!select) return undefined;
  const keys = Object.keys(select).filter((key) => !['targetList', 'limitOption', 'op'].includes(key));
  if (keys.length || select.op !== 'SETOP_NONE') return undefined;
  const targets = select.targetList as { ResTarget?: { name?: string; val?: Node; indirection?: unknown } }[] | undefined;
  if (targets?.length !== 1) return undefined;
  const target = targets[0]!.ResTarget;
  if (!target?.val || target.name !== undefined || target.indirection !== undefined) return undefined;
  return target.val;
}

/**
 * Checks one member expression of a caller without the `query_cubes` capability and
 * returns it as the boundary rewrote it, or throws the refusal for a member the caller
 * cannot name. Admitted only: the JSON shape the SQL API sends (a visible view, an
 * identifier alias, SqlFunction SQL over that view), SQL that PostgreSQL's grammar reads
 * as one expression of allow-listed nodes, functions and casts, over members of the
 * caller's visible set that are neither masked nor internal. The SQL Cube gets is
 * rendered from the parse tree; for a group with a finest time granularity every time
 * member in it is truncated to that granularity first. `paramCount` is how many
 * expression parameters the query carries: every `$n$` must name one of them.
 */
export function checkMemberExpression(item: unknown, position: ExpressionPosition, visible: VisibleMembers, securityContext: unknown, paramCount = Number.POSITIVE_INFINITY): string {
  if (typeof item !== 'string') throw unreadableQuery('members are named by strings such as "users.count"');
  const shape = readShape(item);
  if (!shape) throw unreadableQuery('a member expression has the form {"cubeName", "alias", "expr": {"type": "SqlFunction", "cubeParams", "sql"}}');
  const asked = `${shape.cubeName}.${shape.alias}`;
  if (!visible.cubes.has(shape.cubeName) || !IDENTIFIER.test(shape.cubeName)) throw unknownCube(shape.cubeName, visible);
  const notAdmitted = () => unknownMember(asked, visible, [position === 'measure' ? 'measure' : position === 'segment' ? 'segment' : 'dimension']);
  // An alias is the name of the expression's column in Cube's answer: never that of an internal member.
  if (!IDENTIFIER.test(shape.alias) || isInternalMember(asked) || shape.sql.length > MAX_SQL || shape.sql.toLowerCase().includes(PLACEHOLDER)) throw notAdmitted();

  // The template Cube turns into JavaScript may hold `${view.member}` and `$n$`, and no other backtick, backslash or dollar.
  const members = new Map<string, ReferencedMember>();
  let refused: ReturnType<typeof unknownMember> | undefined;
  const withColumns = shape.sql.replace(REFERENCE, (_, view: string, name: string) => {
    const full = `${view}.${name}`;
    const member = visible.members.get(full);
    if (view !== shape.cubeName || !member || member.masked || isInternalMember(full)) {
      // A hidden or unknown member is named in the refusal as asked; a masked one (listed in /meta) as the expression.
      refused ??= view === shape.cubeName && !member?.masked ? unknownMember(full, visible, ['dimension', 'measure']) : notAdmitted();
    }
    const placeholder = `${PLACEHOLDER}${members.size}`;
    members.set(placeholder, { reference: `\${${full}}`, kind: member?.kind ?? 'dimension', type: member?.type ?? '' });
    return placeholder;
  });
  if (refused) throw refused;
  // Cube places an expression by the members it names; one that names none is no member of a view.
  if (members.size === 0) throw notAdmitted();
  let params = 0;
  const withParams = withColumns.replace(PARAM, (_, n: string) => {
    params = Math.max(params, Number(n) + 1);
    return `$${Number(n) + 1}`;
  });
  if (/[`\\]/.test(withColumns) || withColumns.includes(String.fromCharCode(0)) || /\$/.test(withColumns.replace(PARAM, ''))) throw notAdmitted();
  // A `$n$` with no value among the query's expression parameters would be bound as nothing Cube was given.
  if (params > paramCount) throw notAdmitted();
  const tree = parseExpression(withParams);
  if (!tree) throw notAdmitted();

  const disclosure = groupPolicyOf(securityContext)?.disclosure;
  const granularity = disclosure?.finestTimeGranularity;
  let sql: string;
  try {
    sql = new ExpressionRenderer({ position, members, params, truncateTimeTo: granularity && granularity !== 'second' ? granularity : undefined, minCellSize: disclosure?.minCellSize }).renderExpression(tree);
  } catch (error) {
    if (error instanceof ExpressionNotAdmitted) throw notAdmitted();
    throw error;
  }
  // What goes into Cube's template literal: member references, `$n$` and nothing else that JavaScript would read.
  if (/[`\\]/.test(sql) || /\$/.test(sql.replace(REFERENCE, '').replace(PARAM, ''))) throw notAdmitted();
  return JSON.stringify({ cubeName: shape.cubeName, alias: shape.alias, expr: { type: 'SqlFunction', cubeParams: [shape.cubeName], sql } });
}
