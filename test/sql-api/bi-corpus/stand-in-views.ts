import pg from 'pg';
import { privacyConfig } from '../../../src/privacy/privacy-config';
import { userColumnType } from '../../../src/db/user-columns';
import { userDetailsFields } from '../../../src/user-details/user-details-fields';
import type { ResultSet } from './compare-results';
import { referenceFor } from './reference-sources';

const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/**
 * Plain PostgreSQL views named like the SQL API's tables, to check the corpus itself:
 * one row per underlying record, each dimension as the SQL API types it (times as UTC
 * timestamps), each measure as its value on that one record, and an aggregate
 * MEASURE() that rolls each kind of measure up (counts and sums add up, averages
 * average, distinct counts count distinct). A corpus statement run over these must
 * give its reference's answer, or one of the two says something else than meant.
 * Created inside a transaction that is rolled back, so nobody else ever sees them.
 */

const count = (condition = 'true') => `(CASE WHEN ${condition} THEN 1 ELSE 0 END)::bigint`;
const sum = (value: string, condition = 'true') => `(CASE WHEN ${condition} THEN ${value} END)::numeric`;
const average = (value: string, condition = 'true') => `(CASE WHEN ${condition} THEN ${value} END)::double precision`;
const utc = (column: string) => `(t.${column} AT TIME ZONE 'UTC')`;
const expiring = (days: number) => count(`t.expiry_date BETWEEN current_date AND current_date + ${days}`);

function userColumns(): string[] {
  return userDetailsFields().map((field) => {
    const type = userColumnType(field);
    if (type === 'timestamptz') return `${utc(field.member)} AS ${field.member}`;
    if (type === 'date') return `t.${field.member}::timestamp AS ${field.member}`;
    return `t.${field.member}`;
  });
}

function activityColumns(times: readonly string[], others: readonly string[]): string[] {
  const user = ['user_id', ...privacyConfig().activitySnapshot.map((field) => field.member)].map((member) => `t.${member}`);
  return [
    ...times.map((column) => `${utc(column)} AS ${column}`), ...others.map((column) => `t.${column}`),
    '(t.anonymized_at IS NOT NULL) AS is_anonymized', `${utc('anonymized_at')} AS anonymized_at`, ...user,
  ];
}

const VIEWS: Record<string, { table: string; columns: () => string[]; measures: Record<string, string> }> = {
  users: {
    table: 'users',
    columns: userColumns,
    measures: {
      count: count(),
      number_of_users_public: count("t.user_record_type = 'Public'"),
      number_of_users_staff: count("t.user_record_type = 'Staff'"),
      number_of_users_contact: count("t.user_record_type = 'Contact'"),
      active_users: count("t.status = 'Active'"),
      inactive_users: count("t.status = 'Inactive'"),
      blocked_users: count('t.is_blocked'),
      expired_users: count('t.expiry_date < current_date'),
      users_expiring_in_30_days: expiring(30),
      users_expiring_in_60_days: expiring(60),
      users_expiring_in_90_days: expiring(90),
      users_linked_from_other_institution: count('t.linked_from_other_institution'),
      users_linked_to_other_institution: count('t.linked_to_other_institution'),
      users_with_role_other_than_patron: count('t.has_role_other_than_patron'),
      new_registrations: count('t.status_date IS NOT NULL'),
      average_age: average("date_part('year', age(current_date, t.birth_date))"),
    },
  },
  fulfillment: {
    table: 'loans',
    columns: () => activityColumns(['loan_date', 'due_date', 'return_date'], ['loan_status', 'library_code', 'in_house', 'renewals::numeric AS renewals']),
    measures: {
      num_of_loans: count(),
      num_of_loans_in_house: count('t.in_house'),
      num_of_loans_not_in_house: count('NOT t.in_house'),
      num_of_renewals: sum('t.renewals'),
      num_of_overdue_loans: count("t.loan_status = 'Active' AND t.due_date < now()"),
      num_of_distinct_borrowers: 't.user_id',
      average_loan_days: average('extract(epoch FROM (t.return_date - t.loan_date)) / 86400', 't.return_date IS NOT NULL'),
    },
  },
  fines_and_fees: {
    table: 'fines_fees',
    columns: () => activityColumns(['created_at', 'closed_at'], ['fee_type', 'fee_status']),
    measures: {
      num_of_fines_fees: count(),
      original_amount: sum('t.original_amount'),
      remaining_amount: sum('t.remaining_amount'),
      transaction_amount: sum('t.transaction_amount'),
      open_balance: sum('t.remaining_amount', "t.fee_status = 'Open'"),
    },
  },
  resource_sharing: {
    table: 'borrowing_requests',
    columns: () => activityColumns(['created_at', 'completed_at'], ['request_status', 'partner_code', 'filled']),
    measures: {
      num_of_requests: count(),
      num_of_requests_filled: count('t.filled'),
      average_turnaround_days: average('extract(epoch FROM (t.completed_at - t.created_at)) / 86400', "t.request_status = 'Completed'"),
    },
  },
};

/** The measure columns of the SQL API's views (count, num_of_loans...), every other column being a dimension. */
export function measureColumns(): Set<string> {
  return new Set(Object.values(VIEWS).flatMap(({ measures }) => Object.keys(measures)));
}

/** The statements that create the stand-in views and MEASURE() in schema public, for `group`'s view of the data. */
export function standInViewStatements(group: string): string[] {
  return [
    // MEASURE() of a count (bigint per record) adds up from 0; of a sum (numeric) adds up from NULL;
    // of an average (double precision) averages; of a distinct count (text) counts distinct values.
    'CREATE AGGREGATE public.measure(bigint) (sfunc = int8pl, stype = bigint, initcond = \'0\')',
    'CREATE AGGREGATE public.measure(numeric) (sfunc = numeric_add, stype = numeric)',
    'CREATE AGGREGATE public.measure(double precision) (sfunc = float8_accum, stype = float8[], finalfunc = float8_avg, initcond = \'{0,0,0}\')',
    'CREATE FUNCTION public.bi_corpus_distinct_count(text[]) RETURNS bigint LANGUAGE sql IMMUTABLE AS \'SELECT count(DISTINCT value) FROM unnest($1) AS value\'',
    'CREATE AGGREGATE public.measure(text) (sfunc = array_append, stype = text[], finalfunc = public.bi_corpus_distinct_count, initcond = \'{}\')',
    ...Object.entries(VIEWS).map(([view, { table, columns, measures }]) => {
      const select = [...columns(), ...Object.entries(measures).map(([name, sql]) => `${sql} AS ${name}`)];
      return `CREATE VIEW public.${view} AS SELECT ${select.join(', ')} FROM ${referenceFor(`{${table}}`, group)} t`;
    }),
  ];
}

/**
 * Runs `work` on a connection where the stand-in views exist for `group`, in a transaction
 * rolled back afterwards. `rowsOf` runs one statement (in a savepoint, so a failing one
 * leaves the others be) and returns its rows as text.
 */
export async function onStandInViews<T>(databaseUrl: string, group: string, work: (rowsOf: (sql: string) => Promise<ResultSet>) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const statement of standInViewStatements(group)) await client.query(statement);
    return await work(async (sql) => {
      await client.query('SAVEPOINT statement');
      try {
        const result = await client.query({ text: sql, rowMode: 'array', types: rawText });
        return { columns: result.fields.map((field) => field.name), rows: result.rows as (string | null)[][] };
      } finally {
        await client.query('ROLLBACK TO SAVEPOINT statement');
      }
    });
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}
