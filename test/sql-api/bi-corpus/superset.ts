import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Superset (SQLAlchemy + psycopg2, simple protocol): unquoted column names, metrics labelled by
// their SQL ("SUM(num_of_loans)"), time series as DATE_TRUNC(...) AS __timestamp with
// TO_TIMESTAMP bounds, virtual datasets as a subquery aliased virtual_table, series limits as a
// JOIN to the top groups, filter boxes as grouped dimension values, LIMIT 10000 / 1000 row caps.
export const superset = statementsOf('Superset', 'simple', [
  {
    shape: 'time series: DATE_TRUNC(week) AS __timestamp between TO_TIMESTAMP bounds',
    sql: `SELECT DATE_TRUNC('week', loan_date) AS __timestamp,
       SUM(num_of_loans) AS "SUM(num_of_loans)"
FROM public.fulfillment
WHERE loan_date >= TO_TIMESTAMP('2025-05-15 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
  AND loan_date < TO_TIMESTAMP('2026-05-15 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
GROUP BY DATE_TRUNC('week', loan_date)
ORDER BY "SUM(num_of_loans)" DESC
LIMIT 10000`,
    reference: `SELECT date_trunc('week', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date >= TIMESTAMPTZ '2025-05-15 00:00:00+00' AND l.loan_date < TIMESTAMPTZ '2026-05-15 00:00:00+00' GROUP BY 1`,
  },
  {
    shape: 'time series with a dimension filter and an IN list',
    sql: `SELECT library_code AS library_code, DATE_TRUNC('month', loan_date) AS __timestamp,
       SUM(num_of_renewals) AS "SUM(num_of_renewals)"
FROM public.fulfillment
WHERE library_code IN ('MAIN', 'LAW') AND in_house = false
  AND loan_date >= TO_TIMESTAMP('2025-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
  AND loan_date < TO_TIMESTAMP('2026-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
GROUP BY library_code, DATE_TRUNC('month', loan_date)
ORDER BY "SUM(num_of_renewals)" DESC
LIMIT 10000`,
    reference: `SELECT l.library_code, date_trunc('month', l.loan_date), sum(l.renewals), {people:loans:l} AS __people FROM {loans} l
WHERE l.library_code IN ('MAIN', 'LAW') AND NOT l.in_house AND l.loan_date >= TIMESTAMPTZ '2025-01-01 00:00:00+00' AND l.loan_date < TIMESTAMPTZ '2026-01-01 00:00:00+00'
GROUP BY 1, 2`,
  },
  {
    shape: 'virtual dataset: aggregate over a subquery aliased virtual_table',
    sql: `SELECT user_group AS user_group, COUNT(*) AS count
FROM (SELECT user_group, campus_code, status FROM public.users) AS virtual_table
WHERE status = 'Active'
GROUP BY user_group
LIMIT 1000`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u WHERE u.status = 'Active' GROUP BY 1`,
  },
  {
    shape: 'virtual dataset with a measure: SUM over MEASURE() in the subquery',
    sql: `SELECT campus_code AS campus_code, SUM(users) AS "SUM(users)"
FROM (SELECT campus_code, user_group, MEASURE(count) AS users FROM public.users GROUP BY 1, 2) AS virtual_table
GROUP BY campus_code
ORDER BY "SUM(users)" DESC
LIMIT 10000`,
    reference: `SELECT u.campus_code, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'series limit: JOIN to the top groups by the metric',
    sql: `SELECT user_group AS user_group, campus_code AS campus_code, SUM(count) AS "SUM(count)"
FROM public.users
JOIN (SELECT user_group AS user_group__, SUM(count) AS mme_inner__
      FROM public.users
      GROUP BY user_group
      ORDER BY mme_inner__ DESC
      LIMIT 3) AS anon_1 ON user_group = user_group__
GROUP BY user_group, campus_code
LIMIT 10000`,
    reference: `SELECT u.user_group, u.campus_code, count(*), {people:users:u} AS __people FROM {users} u
WHERE u.user_group IN (SELECT i.user_group FROM {users} i GROUP BY 1 ORDER BY count(*) DESC LIMIT 3) GROUP BY 1, 2`,
  },
  {
    shape: 'big number: COUNT(*)',
    sql: `SELECT COUNT(*) AS count FROM public.fines_and_fees LIMIT 50000`,
    reference: `SELECT count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f`,
  },
  {
    shape: 'big number with trendline: daily SUM of a sum measure',
    sql: `SELECT DATE_TRUNC('day', created_at) AS __timestamp, SUM(original_amount) AS "SUM(original_amount)"
FROM public.fines_and_fees
GROUP BY DATE_TRUNC('day', created_at)
LIMIT 50000`,
    reference: `SELECT date_trunc('day', f.created_at), sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'table chart, raw records mode',
    sql: `SELECT fee_type AS fee_type, fee_status AS fee_status, created_at AS created_at
FROM public.fines_and_fees
LIMIT 10000`,
    reference: `SELECT f.fee_type, f.fee_status, f.created_at FROM {fines_fees} f`,
    perRecord: true,
  },
  {
    shape: 'filter box: grouped dimension values ordered, LIMIT 1000',
    sql: `SELECT campus_code AS campus_code
FROM public.users
GROUP BY campus_code
ORDER BY campus_code ASC
LIMIT 1000`,
    reference: `SELECT u.campus_code, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'pie: metric ordered descending, LIMIT 100',
    sql: `SELECT loan_status AS loan_status, SUM(num_of_loans) AS "SUM(num_of_loans)"
FROM public.fulfillment
GROUP BY loan_status
ORDER BY "SUM(num_of_loans)" DESC
LIMIT 100`,
    reference: `SELECT l.loan_status, count(*) AS n, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'custom SQL metric: SUM(CASE WHEN ... THEN 1 ELSE 0 END)',
    sql: `SELECT library_code AS library_code, SUM(CASE WHEN in_house THEN 1 ELSE 0 END) AS "in house"
FROM public.fulfillment
GROUP BY library_code
LIMIT 10000`,
    reference: `SELECT l.library_code, sum(CASE WHEN l.in_house THEN 1 ELSE 0 END), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'custom SQL metric: COUNT(DISTINCT dimension)',
    sql: `SELECT request_status AS request_status, COUNT(DISTINCT partner_code) AS "COUNT_DISTINCT(partner_code)"
FROM public.resource_sharing
GROUP BY request_status
LIMIT 10000`,
    reference: `SELECT r.request_status, count(DISTINCT r.partner_code), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'adhoc filter ILIKE and a boolean = false',
    sql: `SELECT user_group AS user_group, SUM(count) AS "SUM(count)"
FROM public.users
WHERE job_title ILIKE '%stud%' AND is_blocked = false
GROUP BY user_group
LIMIT 10000`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u WHERE u.job_title ILIKE '%stud%' AND NOT u.is_blocked GROUP BY 1`,
  },
  {
    shape: 'time range as string literals, grain P1M',
    sql: `SELECT DATE_TRUNC('month', created_at) AS __timestamp, SUM(num_of_requests) AS "SUM(num_of_requests)"
FROM public.resource_sharing
WHERE created_at >= '2025-01-01 00:00:00.000000' AND created_at < '2026-01-01 00:00:00.000000'
GROUP BY DATE_TRUNC('month', created_at)
ORDER BY __timestamp
LIMIT 10000`,
    reference: `SELECT date_trunc('month', r.created_at), count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r
WHERE r.created_at >= '2025-01-01 00:00:00' AND r.created_at < '2026-01-01 00:00:00' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'HAVING on a metric',
    sql: `SELECT job_title AS job_title, SUM(count) AS "SUM(count)"
FROM public.users
GROUP BY job_title
HAVING SUM(count) > 50
LIMIT 10000`,
    reference: `SELECT u.job_title, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 HAVING count(*) > 50`,
  },
  {
    shape: 'average measure by a dimension',
    sql: `SELECT user_group AS user_group, AVG(average_loan_days) AS "AVG(average_loan_days)"
FROM public.fulfillment
GROUP BY user_group
LIMIT 10000`,
    reference: `SELECT l.user_group, avg(extract(epoch FROM (l.return_date - l.loan_date)) / 86400) FILTER (WHERE l.return_date IS NOT NULL), {people:loans:l} AS __people
FROM {loans} l GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'SQL Lab: MEASURE() grouped by a dimension and ordered',
    sql: `SELECT fee_type, MEASURE(open_balance) AS open_balance FROM fines_and_fees GROUP BY 1 ORDER BY 1`,
    reference: `SELECT f.fee_type, sum(f.remaining_amount) FILTER (WHERE f.fee_status = 'Open'), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
]);
