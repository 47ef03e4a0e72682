import type { SeededRandom } from '../support/seeded-random';
import type { Comparison } from './corpus-statement';

/**
 * A small grammar of aggregate queries over the views, each produced twice from the
 * same choices: as SQL over the view (what a BI tool would send) and as the same
 * question on the alma tables (the reference, with the `{table}` and `{people:...}`
 * placeholders of reference-sources.ts).
 */

type Kind = 'text' | 'bool' | 'number' | 'time';

interface Column {
  readonly name: string;
  readonly kind: Kind;
  /** Values worth comparing with, besides ones no row has. */
  readonly samples: readonly string[];
}

interface Measure {
  readonly name: string;
  /** The measure's meaning on the table, over the table alias. */
  readonly reference: string;
  /** Whether SUM re-aggregates it (counts and sums). */
  readonly summable: boolean;
}

interface View {
  readonly view: string;
  readonly table: string;
  readonly alias: string;
  readonly columns: readonly Column[];
  readonly measures: readonly Measure[];
}

const userGroups = ['Undergraduate', 'Graduate', 'Faculty', 'Staff', 'Alumni', 'External reader'];
const campuses = ['MAIN', 'ARTS', 'LAW', 'MED'];
// Texts no row has, to reach the server through every literal position: quotes, multi-byte
// characters, backticks, template-literal and backslash sequences.
const oddTexts = ["O'Brien", 'Ünïcødé ☃', '日本語の利用者', 'back`tick', '${process.exit()}', 'C:\\path\\n', '%_'];

const oddAliases = ['${this.constructor}', 'back`tick', 'C:\\new', 'Größe 数', 'semi;colon --', '""quoted""'];

const VIEWS: readonly View[] = [
  {
    view: 'users', table: 'users', alias: 'u',
    columns: [
      { name: 'user_group', kind: 'text', samples: userGroups },
      { name: 'campus_code', kind: 'text', samples: campuses },
      { name: 'status', kind: 'text', samples: ['Active', 'Inactive'] },
      { name: 'job_title', kind: 'text', samples: ['Student', 'Lecturer', 'Librarian'] },
      { name: 'statistical_category_1', kind: 'text', samples: ['Law', 'Science', 'Engineering'] },
      { name: 'gender', kind: 'text', samples: ['Female', 'Male', 'Withheld'] },
      { name: 'is_blocked', kind: 'bool', samples: [] },
      { name: 'creation_date', kind: 'time', samples: ['2020-01-01T00:00:00Z', '2025-06-30T12:00:00Z'] },
      { name: 'expiry_date', kind: 'time', samples: ['2026-01-01T00:00:00Z', '2027-06-30T00:00:00Z'] },
      { name: 'birth_date', kind: 'time', samples: ['1990-01-01T00:00:00Z', '2000-01-01T00:00:00Z'] },
    ],
    measures: [
      { name: 'count', reference: 'count(*)', summable: true },
      { name: 'active_users', reference: "count(*) FILTER (WHERE u.status = 'Active')", summable: true },
      { name: 'blocked_users', reference: 'count(*) FILTER (WHERE u.is_blocked)', summable: true },
    ],
  },
  {
    view: 'fulfillment', table: 'loans', alias: 'l',
    columns: [
      { name: 'library_code', kind: 'text', samples: campuses },
      { name: 'loan_status', kind: 'text', samples: ['Active', 'Returned', 'Lost'] },
      { name: 'user_group', kind: 'text', samples: userGroups },
      { name: 'campus_code', kind: 'text', samples: campuses },
      { name: 'in_house', kind: 'bool', samples: [] },
      { name: 'renewals', kind: 'number', samples: ['0', '1', '3'] },
      { name: 'loan_date', kind: 'time', samples: ['2025-01-01T00:00:00Z', '2026-06-15T08:30:00Z'] },
      { name: 'due_date', kind: 'time', samples: ['2025-06-01T00:00:00Z', '2026-09-01T00:00:00Z'] },
    ],
    measures: [
      { name: 'num_of_loans', reference: 'count(*)', summable: true },
      { name: 'num_of_renewals', reference: 'sum(l.renewals)', summable: true },
      { name: 'num_of_loans_in_house', reference: 'count(*) FILTER (WHERE l.in_house)', summable: true },
      { name: 'num_of_distinct_borrowers', reference: 'count(DISTINCT l.user_id)', summable: false },
    ],
  },
  {
    view: 'fines_and_fees', table: 'fines_fees', alias: 'f',
    columns: [
      { name: 'fee_type', kind: 'text', samples: ['Overdue fine', 'Lost item replacement fee', 'Card replacement fee'] },
      { name: 'fee_status', kind: 'text', samples: ['Open', 'Closed'] },
      { name: 'user_group', kind: 'text', samples: userGroups },
      { name: 'created_at', kind: 'time', samples: ['2025-03-01T00:00:00Z', '2026-03-01T00:00:00Z'] },
    ],
    measures: [
      { name: 'num_of_fines_fees', reference: 'count(*)', summable: true },
      { name: 'original_amount', reference: 'sum(f.original_amount)', summable: true },
      { name: 'remaining_amount', reference: 'sum(f.remaining_amount)', summable: true },
    ],
  },
  {
    view: 'resource_sharing', table: 'borrowing_requests', alias: 'r',
    columns: [
      { name: 'request_status', kind: 'text', samples: ['Completed', 'Cancelled', 'Requested'] },
      { name: 'partner_code', kind: 'text', samples: ['BLDSC', 'RAPID', 'WEST_UL'] },
      { name: 'filled', kind: 'bool', samples: [] },
      { name: 'created_at', kind: 'time', samples: ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'] },
    ],
    measures: [
      { name: 'num_of_requests', reference: 'count(*)', summable: true },
      { name: 'num_of_requests_filled', reference: 'count(*) FILTER (WHERE r.filled)', summable: true },
    ],
  },
];

/** One generated query: ours over the view, the reference on the tables, and whether its rows' order is fixed. */
export interface RandomQuery {
  readonly sql: string;
  /** The same question on the tables, without the LIMIT (see `comparison`). */
  readonly reference: string;
  readonly comparison: Comparison;
}

interface Both {
  readonly ours: string;
  readonly theirs: string;
  /** For a plain column: its name, so the query can also be written over an inner select. */
  readonly column?: string;
}

/** An aggregate, and how to write it over the rows of an inner select (Power BI's shape), where that means the same. */
interface Aggregate extends Both {
  readonly label: string;
  readonly overRows?: { readonly reads?: string; readonly expression: string };
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function literal(random: SeededRandom, column: Column): string {
  if (column.kind === 'number') return random.pick(column.samples);
  if (column.kind === 'time') return `${random.pick(['', 'TIMESTAMP '])}${quote(random.pick(column.samples).replace('T', ' ').replace('Z', random.pick(['', 'Z'])))}`;
  return quote(random.next() < 0.8 ? random.pick(column.samples) : random.pick(oddTexts));
}

/** A grouping expression over a column: the column itself or a function of it (never finer than a day for times). */
function groupingExpression(random: SeededRandom, view: View, column: Column): Both {
  const ours = column.name;
  const theirs = `${view.alias}.${column.name}`;
  const plain = { ours, theirs, column: column.name };
  switch (column.kind) {
    case 'time': {
      const choice = random.pick(['trunc', 'cast', 'extract', 'part']);
      if (choice === 'trunc') {
        const unit = random.pick(['day', 'week', 'month', 'quarter', 'year']);
        return { ours: `date_trunc('${unit}', ${ours})`, theirs: `date_trunc('${unit}', ${theirs}::timestamp)` };
      }
      if (choice === 'cast') return { ours: `CAST(${ours} AS date)`, theirs: `CAST(${theirs} AS date)` };
      const field = random.pick(['year', 'month', 'dow', 'quarter']);
      return choice === 'extract'
        ? { ours: `EXTRACT(${field} FROM ${ours})`, theirs: `EXTRACT(${field} FROM ${theirs}::timestamp)` }
        : { ours: `date_part('${field}', ${ours})`, theirs: `date_part('${field}', ${theirs}::timestamp)` };
    }
    case 'text': {
      const choice = random.int(4);
      if (choice === 0) return { ours: `lower(${ours})`, theirs: `lower(${theirs})` };
      if (choice === 1) return { ours: `COALESCE(${ours}, '(none)')`, theirs: `COALESCE(${theirs}, '(none)')` };
      return plain;
    }
    case 'bool':
      return random.next() < 0.5 ? plain : { ours: `CASE WHEN ${ours} THEN 'yes' ELSE 'no' END`, theirs: `CASE WHEN ${theirs} THEN 'yes' ELSE 'no' END` };
    case 'number':
      return random.next() < 0.5 ? plain : { ours: `floor(${ours} / 2) * 2`, theirs: `floor(${theirs} / 2) * 2` };
  }
}

function predicate(random: SeededRandom, view: View, depth = 0): Both {
  if (depth < 2 && random.next() < 0.3) {
    const left = predicate(random, view, depth + 1);
    const right = predicate(random, view, depth + 1);
    const op = random.pick(['AND', 'OR']);
    return { ours: `(${left.ours} ${op} ${right.ours})`, theirs: `(${left.theirs} ${op} ${right.theirs})` };
  }
  if (depth < 2 && random.next() < 0.1) {
    const inner = predicate(random, view, depth + 1);
    return { ours: `NOT (${inner.ours})`, theirs: `NOT (${inner.theirs})` };
  }
  const column = random.pick(view.columns);
  const ours = column.name;
  const theirs = `${view.alias}.${column.name}`;
  if (random.next() < 0.1) return random.next() < 0.5 ? { ours: `${ours} IS NULL`, theirs: `${theirs} IS NULL` } : { ours: `${ours} IS NOT NULL`, theirs: `${theirs} IS NOT NULL` };
  switch (column.kind) {
    case 'bool':
      return random.next() < 0.5 ? { ours, theirs } : { ours: `${ours} = false`, theirs: `${theirs} = false` };
    case 'time': {
      const op = random.pick(['>=', '<', '>', '<=']);
      const value = literal(random, column);
      return { ours: `${ours} ${op} ${value}`, theirs: `${theirs}::timestamp ${op} ${value}::timestamp` };
    }
    case 'number': {
      const op = random.pick(['=', '<>', '>', '<=']);
      const value = literal(random, column);
      return { ours: `${ours} ${op} ${value}`, theirs: `${theirs} ${op} ${value}` };
    }
    case 'text': {
      const form = random.int(5);
      if (form === 0) {
        const values = [literal(random, column), literal(random, column)].join(', ');
        return { ours: `${ours} IN (${values})`, theirs: `${theirs} IN (${values})` };
      }
      if (form === 1) {
        const values = [literal(random, column), literal(random, column)].join(', ');
        return { ours: `${ours} = ANY(ARRAY[${values}])`, theirs: `${theirs} = ANY(ARRAY[${values}])` };
      }
      if (form === 2) {
        const value = quote(`%${random.pick(column.samples.length > 0 ? column.samples : oddTexts).slice(1, 4).toLowerCase()}%`);
        return { ours: `lower(${ours}) LIKE ${value}`, theirs: `lower(${theirs}) LIKE ${value}` };
      }
      const op = random.pick(['=', '<>']);
      const value = literal(random, column);
      return { ours: `${ours} ${op} ${value}`, theirs: `${theirs} ${op} ${value}` };
    }
  }
}

/**
 * An aggregate: a measure, SUM over a measure (only under GROUP BY: over no rows at all a
 * SUM is NULL where the count it re-aggregates is 0, and the grammar stays out of that
 * question), count(*), or an aggregate of a dimension.
 */
function aggregate(random: SeededRandom, view: View, label: string, grouped: boolean): Aggregate {
  const choice = random.int(5);
  const measure = random.pick(view.measures);
  const theirsOf = (sql: string) => `${sql} AS ${label}`;
  const sumOfMeasure = measure.summable ? { reads: measure.name, expression: `sum("rows"."${measure.name}")` } : undefined;
  if (choice === 0) return { label, ours: `MEASURE(${measure.name}) AS ${label}`, theirs: theirsOf(measure.reference), overRows: sumOfMeasure };
  if (choice === 1 && measure.summable && grouped) return { label, ours: `SUM(${measure.name}) AS ${label}`, theirs: theirsOf(measure.reference), overRows: sumOfMeasure };
  if (choice === 2) return { label, ours: `count(*) AS ${label}`, theirs: theirsOf('count(*)'), overRows: { expression: 'count(*)' } };
  const column = random.pick(view.columns.filter((candidate) => candidate.kind !== 'time'));
  const theirs = `${view.alias}.${column.name}`;
  if (column.kind === 'number') {
    const fn = random.pick(['min', 'max', 'sum']);
    return { label, ours: `${fn}(${column.name}) AS ${label}`, theirs: theirsOf(`${fn}(${theirs})`), overRows: { reads: column.name, expression: `${fn}("rows"."${column.name}")` } };
  }
  return {
    label, ours: `count(DISTINCT ${column.name}) AS ${label}`, theirs: theirsOf(`count(DISTINCT ${theirs})`),
    overRows: { reads: column.name, expression: `count(DISTINCT "rows"."${column.name}")` },
  };
}

/**
 * Power BI's shape of a grouped query: the view's columns through an inner select aliased
 * "_", filtered there, aggregated outside over "rows". Only where every grouping is a plain
 * column and every aggregate means the same over the inner rows.
 */
function overInnerSelect(view: View, grouping: readonly Both[], aggregates: readonly Aggregate[], where: Both | undefined, tail: string): string | undefined {
  if (grouping.length === 0 || grouping.some((g) => !g.column) || aggregates.some((a) => !a.overRows)) return undefined;
  const inner = [...new Set([...grouping.map((g) => g.column!), ...aggregates.flatMap((a) => (a.overRows!.reads ? [a.overRows!.reads] : []))])];
  const select = [...grouping.map((g, i) => `"rows"."${g.column}" AS g${i}`), ...aggregates.map((a) => `${a.overRows!.expression} AS ${a.label}`)];
  return `select ${select.join(', ')} from (select ${inner.map((c) => `"_"."${c}"`).join(', ')} from "public"."${view.view}" "_"`
    + `${where ? ` where ${where.ours}` : ''}) "rows" group by ${grouping.map((_, i) => i + 1).join(', ')}${tail}`;
}

/** One random aggregate query over one view. */
export function randomQuery(random: SeededRandom): RandomQuery {
  const view = random.pick(VIEWS);
  const groupCount = random.int(3);
  const grouping: Both[] = [];
  for (const column of [...view.columns].sort(() => random.next() - 0.5).slice(0, groupCount)) grouping.push(groupingExpression(random, view, column));
  // Some aliases are quoted identifiers holding what must never become code or SQL text on the server.
  const label = (i: number) => (random.next() < 0.3 ? `"${random.pick(oddAliases)} ${i}"` : `a${i}`);
  const aggregates = Array.from({ length: 1 + random.int(2) }, (_, i) => aggregate(random, view, label(i), grouping.length > 0));
  const where = random.next() < 0.6 ? predicate(random, view) : undefined;
  const positions = grouping.map((_, i) => i + 1);
  const nulls = random.pick(['', ' NULLS FIRST', ' NULLS LAST']);
  const limited = grouping.length > 0 && random.next() < 0.3;
  const ordered = limited || (grouping.length > 0 && random.next() < 0.5);
  const orderBy = ordered ? ` ORDER BY ${positions.map((p) => `${p}${nulls}`).join(', ')}` : '';
  const limitCount = limited ? 1 + random.int(10) : undefined;
  const limit = limitCount === undefined ? '' : ` LIMIT ${limitCount}`;
  const groupBy = grouping.length > 0 ? ` GROUP BY ${positions.join(', ')}` : '';
  const columns = (side: keyof Both) => [...grouping.map((g, i) => `${g[side]} AS g${i}`), ...aggregates.map((a) => a[side])].join(', ');
  const plain = `SELECT ${columns('ours')} FROM ${view.view}${where ? ` WHERE ${where.ours}` : ''}${groupBy}${orderBy}${limit}`;
  const nested = random.next() < 0.35 ? overInnerSelect(view, grouping, aggregates, where, `${orderBy}${limit}`) : undefined;
  // Tools wrap a query in a subquery or a CTE (Mode, Sigma, Holistics); the same question, one step removed.
  const wrapping = ordered || nested ? 0 : random.int(4);
  return {
    sql: nested ?? (wrapping === 1 ? `SELECT * FROM (${plain}) AS sub` : wrapping === 2 ? `WITH q AS (${plain}) SELECT * FROM q` : plain),
    reference: `SELECT ${columns('theirs')}, {people:${view.table}:${view.alias}} AS __people FROM {${view.table}} ${view.alias}`
      + `${where ? ` WHERE ${where.theirs}` : ''}${groupBy}${orderBy}`,
    comparison: ordered ? { rows: 'ordered', ...(limitCount === undefined ? {} : { limit: limitCount }) } : { rows: 'unordered' },
  };
}
