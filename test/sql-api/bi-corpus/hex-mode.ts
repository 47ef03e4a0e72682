import { ORDERED, ORDERED_APPROX, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Hex and Mode (notebooks over psycopg2/SQLAlchemy, simple protocol): analysts' own SQL —
// CTEs joined on a key, ::date and ::text casts, date_trunc(...)::date, date_part, CASE
// buckets, window functions over aggregates, function-valued filters, NULLS LAST, and Mode's
// SELECT * FROM (...) sub LIMIT 100 wrapper.
export const hexMode = statementsOf('Hex / Mode', 'simple', [
  {
    shape: 'monthly money: date_trunc(month, col)::date with two sums',
    sql: `SELECT date_trunc('month', created_at)::date AS month, sum(original_amount) AS charged, sum(transaction_amount) AS paid
FROM fines_and_fees GROUP BY 1 ORDER BY 1`,
    reference: `SELECT date_trunc('month', f.created_at)::date, sum(f.original_amount), sum(f.transaction_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'two CTEs joined on a key',
    sql: `WITH loans AS (
  SELECT user_group, MEASURE(num_of_loans) AS loans FROM fulfillment GROUP BY 1
), fees AS (
  SELECT user_group, MEASURE(original_amount) AS charged FROM fines_and_fees GROUP BY 1
)
SELECT loans.user_group, loans.loans, fees.charged
FROM loans JOIN fees ON fees.user_group = loans.user_group
ORDER BY 1`,
    reference: `SELECT a.user_group, a.n, b.charged, least(a.p, b.p) AS __people
FROM (SELECT l.user_group, count(*) AS n, {people:loans:l} AS p FROM {loans} l GROUP BY 1) a
JOIN (SELECT f.user_group, sum(f.original_amount) AS charged, {people:fines_fees:f} AS p FROM {fines_fees} f GROUP BY 1) b ON a.user_group = b.user_group
ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'function-valued filter: col::date >= current_date - 30',
    sql: `SELECT library_code, count(*) AS loans FROM fulfillment WHERE loan_date::date >= current_date - 30 GROUP BY 1 ORDER BY 1`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l WHERE l.loan_date::date >= current_date - 30 GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'share of total: sum(count(*)) over ()',
    sql: `SELECT campus_code, count(*) AS users, count(*)::numeric / sum(count(*)) OVER () AS share FROM users GROUP BY 1`,
    reference: `SELECT u.campus_code, count(*), count(*)::numeric / sum(count(*)) OVER (), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'COUNT(DISTINCT dimension) per group',
    sql: `SELECT campus_code, count(DISTINCT user_group) AS groups FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT u.campus_code, count(DISTINCT u.user_group), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'CASE buckets of a number dimension',
    sql: `SELECT CASE WHEN renewals = 0 THEN 'none' WHEN renewals <= 2 THEN 'some' ELSE 'many' END AS bucket, count(*) AS loans
FROM fulfillment GROUP BY 1 ORDER BY 1`,
    reference: `SELECT CASE WHEN l.renewals = 0 THEN 'none' WHEN l.renewals <= 2 THEN 'some' ELSE 'many' END, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'day of week by date_part(\'dow\')',
    sql: `SELECT date_part('dow', created_at) AS dow, count(*) AS requests FROM resource_sharing GROUP BY 1 ORDER BY 1`,
    reference: `SELECT date_part('dow', r.created_at), count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'top 3 with ORDER BY ... DESC NULLS LAST LIMIT',
    sql: `SELECT job_title, count(*) AS users FROM users GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 3`,
    reference: `SELECT u.job_title, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC NULLS LAST, 1 LIMIT 3`,
    compare: ORDERED,
  },
  {
    shape: 'function-valued filter: lower(col) = \'...\'',
    sql: `SELECT campus_code, count(*) FROM users WHERE lower(user_group) = 'faculty' GROUP BY 1`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u WHERE lower(u.user_group) = 'faculty' GROUP BY 1`,
  },
  {
    shape: 'Mode wrapper: SELECT * FROM (query) sub LIMIT 100',
    sql: `SELECT * FROM (SELECT fee_type, fee_status, sum(remaining_amount) AS remaining FROM fines_and_fees GROUP BY 1, 2) sub LIMIT 100`,
    reference: `SELECT f.fee_type, f.fee_status, sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1, 2`,
  },
  {
    shape: 'masked field for the analyst: birth month grouped',
    sql: `SELECT extract(month FROM birth_date) AS birth_month, count(*) FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT extract(month FROM u.birth_date), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'average age measure by user group',
    sql: `SELECT user_group, MEASURE(average_age) AS avg_age FROM users GROUP BY 1 ORDER BY 1`,
    reference: `SELECT u.user_group, avg(date_part('year', age(current_date, u.birth_date))), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED_APPROX,
  },
  {
    shape: 'text cast in GROUP BY: in_house::text',
    sql: `SELECT in_house::text AS in_house, count(*) FROM fulfillment GROUP BY 1 ORDER BY 1`,
    reference: `SELECT l.in_house::text, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'days between two times averaged: extract(epoch from a - b)',
    sql: `SELECT partner_code, avg(extract(epoch FROM completed_at - created_at) / 86400) AS days
FROM resource_sharing WHERE completed_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    reference: `SELECT r.partner_code, avg(extract(epoch FROM r.completed_at - r.created_at) / 86400), {people:borrowing_requests:r} AS __people
FROM {borrowing_requests} r WHERE r.completed_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    compare: ORDERED_APPROX,
  },
  {
    shape: 'subquery in WHERE comparing with an aggregate',
    sql: `SELECT user_group, count(*) AS loans FROM fulfillment
GROUP BY 1
HAVING count(*) > (SELECT count(*) / 10 FROM fulfillment)
ORDER BY 1`,
    reference: `SELECT l.user_group, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 HAVING count(*) > (SELECT count(*) / 10 FROM {loans} i) ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'SUM(1) as a row count',
    sql: `SELECT loan_status, SUM(1) AS loans FROM fulfillment GROUP BY 1 ORDER BY 1`,
    reference: `SELECT l.loan_status, sum(1), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'UNION ALL of two grouped queries over two views',
    sql: `SELECT 'loans' AS activity, user_group, count(*) AS n FROM fulfillment GROUP BY 2
UNION ALL
SELECT 'requests', user_group, count(*) FROM resource_sharing GROUP BY 2
ORDER BY 1, 2`,
    reference: `SELECT 'loans' AS activity, l.user_group, count(*) AS n, {people:loans:l} AS __people FROM {loans} l GROUP BY 2
UNION ALL
SELECT 'requests', r.user_group, count(*), {people:borrowing_requests:r} FROM {borrowing_requests} r GROUP BY 2
ORDER BY 1, 2`,
    compare: ORDERED,
  },
]);
