import { ORDERED, statementsOf } from './corpus-statement';

// DBeaver (PgJDBC): what people type into its SQL editor and what its data viewer sends —
// row counts, ordered pages of rows with LIMIT/OFFSET, distinct values for the filter panel,
// CTEs, UNION ALL, subqueries in WHERE, FILTER clauses, window functions over aggregates,
// NULLS FIRST/LAST, MEASURE().
export const dbeaver = statementsOf('DBeaver', 'extended', [
  {
    shape: 'row count of a table',
    sql: `SELECT count(*) FROM public.resource_sharing`,
    reference: `SELECT count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r`,
  },
  {
    shape: 'data viewer: an ordered page of rows, LIMIT 200 OFFSET 0',
    sql: `SELECT request_status, partner_code, created_at, filled FROM public.resource_sharing ORDER BY created_at, partner_code, request_status LIMIT 200 OFFSET 0`,
    reference: `SELECT r.request_status, r.partner_code, r.created_at, r.filled FROM {borrowing_requests} r ORDER BY 3, 2, 1 LIMIT 200`,
    perRecord: true,
  },
  {
    shape: 'identifying columns of a few users (admin only)',
    sql: `SELECT user_id, full_name, user_group FROM users WHERE user_group = 'Faculty' ORDER BY user_id LIMIT 20`,
    reference: `SELECT u.user_id, u.full_name, u.user_group FROM {users} u WHERE u.user_group = 'Faculty' ORDER BY 1 LIMIT 20`,
    compare: ORDERED,
    perRecord: true,
  },
  {
    shape: 'MEASURE() by a dimension ordered by the measure',
    sql: `SELECT user_group, MEASURE(count) AS users FROM users GROUP BY 1 ORDER BY 2 DESC`,
    reference: `SELECT u.user_group, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'ORDER BY ... NULLS FIRST',
    sql: `SELECT statistical_category_1, count(*) FROM users GROUP BY statistical_category_1 ORDER BY statistical_category_1 NULLS FIRST`,
    reference: `SELECT u.statistical_category_1, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1 NULLS FIRST`,
    compare: ORDERED,
  },
  {
    shape: 'filter panel: distinct values ordered',
    sql: `SELECT DISTINCT fee_type FROM public.fines_and_fees ORDER BY 1`,
    reference: `SELECT f.fee_type, {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'CTE over a grouped query, filtered outside',
    sql: `WITH g AS (SELECT user_group, MEASURE(count) AS n FROM users GROUP BY 1)
SELECT * FROM g WHERE n > 100 ORDER BY n DESC`,
    reference: `SELECT u.user_group, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 HAVING count(*) > 100 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'UNION ALL of counts from three views',
    sql: `SELECT 'loans' AS kind, count(*) AS n FROM fulfillment
UNION ALL SELECT 'fees', count(*) FROM fines_and_fees
UNION ALL SELECT 'requests', count(*) FROM resource_sharing`,
    reference: `SELECT 'loans' AS kind, count(*) AS n, {people:loans:l} AS __people FROM {loans} l
UNION ALL SELECT 'fees', count(*), {people:fines_fees:f} FROM {fines_fees} f
UNION ALL SELECT 'requests', count(*), {people:borrowing_requests:r} FROM {borrowing_requests} r`,
  },
  {
    shape: 'subquery in WHERE: IN (SELECT ... GROUP BY ... HAVING)',
    sql: `SELECT user_group, count(*) AS users FROM users
WHERE user_group IN (SELECT user_group FROM fulfillment GROUP BY 1 HAVING count(*) > 500)
GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u
WHERE u.user_group IN (SELECT l.user_group FROM {loans} l GROUP BY 1 HAVING count(*) > 500) GROUP BY 1`,
  },
  {
    shape: 'FILTER (WHERE ...) inside aggregates',
    sql: `SELECT campus_code, count(*) FILTER (WHERE status = 'Active') AS active, count(*) AS total FROM users GROUP BY 1`,
    reference: `SELECT u.campus_code, count(*) FILTER (WHERE u.status = 'Active'), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'window over aggregates: rank() and share of total',
    sql: `SELECT library_code, count(*) AS loans, rank() OVER (ORDER BY count(*) DESC) AS rnk,
  round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct
FROM fulfillment GROUP BY 1 ORDER BY 3`,
    reference: `SELECT l.library_code, count(*), rank() OVER (ORDER BY count(*) DESC), round(100.0 * count(*) / sum(count(*)) OVER (), 2), {people:loans:l} AS __people
FROM {loans} l GROUP BY 1 ORDER BY 3`,
    compare: ORDERED,
  },
  {
    shape: 'GROUP BY an expression: COALESCE(column, \'(none)\')',
    sql: `SELECT COALESCE(statistical_category_3, '(none)') AS cat3, count(*) FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT COALESCE(u.statistical_category_3, '(none)'), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'avg of a number dimension rounded',
    sql: `SELECT user_group, round(avg(renewals), 2) AS avg_renewals FROM fulfillment GROUP BY 1 ORDER BY 1`,
    reference: `SELECT l.user_group, round(avg(l.renewals), 2), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count(*) of a group that does not exist is 0',
    sql: `SELECT count(*) FROM users WHERE user_group = 'Nobody'`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE u.user_group = 'Nobody'`,
  },
  {
    shape: 'masked field for the analyst: birth year grouped',
    sql: `SELECT extract(year FROM birth_date) AS birth_year, count(*) FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT extract(year FROM u.birth_date), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'masked field for the analyst: gender grouped',
    sql: `SELECT gender, count(*) FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT u.gender, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
]);
