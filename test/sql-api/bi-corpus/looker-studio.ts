import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Looker Studio (its PostgreSQL connector): the table aliased t0, result columns named qt_<id>,
// dates as CAST(DATE_TRUNC(<unit>, DATE_TRUNC('SECOND', col)) AS DATE), SUM over every numeric
// field (measures included), COUNT(1) for Record Count, calculated fields inlined as CASE,
// DATE literals in date-range filters, and LIMIT on every chart.
export const lookerStudio = statementsOf('Looker Studio', 'extended', [
  {
    shape: 'month: CAST(DATE_TRUNC(MONTH, DATE_TRUNC(SECOND, col)) AS DATE)',
    sql: `SELECT CAST(DATE_TRUNC('MONTH', DATE_TRUNC('SECOND', t0.loan_date)) AS DATE) AS qt_5bsnbr8n6c,
  SUM(t0.num_of_loans) AS qt_kvsr2xg96c
FROM public.fulfillment AS t0
GROUP BY qt_5bsnbr8n6c
ORDER BY qt_5bsnbr8n6c ASC
LIMIT 2000`,
    reference: `SELECT CAST(date_trunc('month', l.loan_date) AS date) AS d, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'day: CAST(DATE_TRUNC(SECOND, col) AS DATE)',
    sql: `SELECT CAST(DATE_TRUNC('SECOND', t0.created_at) AS DATE) AS qt_ddmm7q5m6c,
  SUM(t0.num_of_fines_fees) AS qt_q1v9xh96c
FROM public.fines_and_fees AS t0
GROUP BY qt_ddmm7q5m6c`,
    reference: `SELECT CAST(f.created_at AS date), count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'date range filter on CAST(... AS DATE) between DATE literals',
    sql: `SELECT t0.library_code AS qt_lib, SUM(t0.num_of_loans) AS qt_n
FROM public.fulfillment AS t0
WHERE (CAST(DATE_TRUNC('SECOND', t0.loan_date) AS DATE) >= DATE '2026-01-01' AND CAST(DATE_TRUNC('SECOND', t0.loan_date) AS DATE) <= DATE '2026-06-30')
GROUP BY qt_lib
LIMIT 100`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date::date BETWEEN DATE '2026-01-01' AND DATE '2026-06-30' GROUP BY 1`,
  },
  {
    shape: 'SUM of a count measure by a dimension',
    sql: `SELECT t0.user_group AS qt_ug, SUM(t0.count) AS qt_c
FROM public.users AS t0
GROUP BY qt_ug
LIMIT 100`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'scorecard: SUM of two measures, no dimension',
    sql: `SELECT SUM(t0.original_amount) AS qt_o, SUM(t0.remaining_amount) AS qt_r
FROM public.fines_and_fees AS t0`,
    reference: `SELECT sum(f.original_amount), sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f`,
  },
  {
    shape: 'Record Count: COUNT(1)',
    sql: `SELECT t0.partner_code AS qt_p, COUNT(1) AS qt_record_count
FROM public.resource_sharing AS t0
GROUP BY qt_p
ORDER BY qt_record_count DESC, qt_p
LIMIT 10`,
    reference: `SELECT r.partner_code, count(1) AS n, {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10`,
    compare: ORDERED,
  },
  {
    shape: 'distinct count: COUNT(DISTINCT t0.col)',
    sql: `SELECT COUNT(DISTINCT t0.user_group) AS qt_dc FROM public.fulfillment AS t0`,
    reference: `SELECT count(DISTINCT l.user_group), {people:loans:l} AS __people FROM {loans} l`,
  },
  {
    shape: 'calculated field: CASE over a dimension, grouped',
    sql: `SELECT CASE WHEN t0.user_group IN ('Faculty', 'Staff') THEN 'Employees' ELSE 'Others' END AS qt_kind,
  SUM(t0.count) AS qt_c
FROM public.users AS t0
GROUP BY qt_kind`,
    reference: `SELECT CASE WHEN u.user_group IN ('Faculty', 'Staff') THEN 'Employees' ELSE 'Others' END, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'year: EXTRACT(YEAR FROM DATE_TRUNC(SECOND, col))',
    sql: `SELECT EXTRACT(YEAR FROM DATE_TRUNC('SECOND', t0.created_at)) AS qt_y, SUM(t0.num_of_requests) AS qt_n
FROM public.resource_sharing AS t0
GROUP BY qt_y`,
    reference: `SELECT extract(year FROM r.created_at), count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'ISO year-week: CAST(DATE_TRUNC(WEEK, ...) AS DATE)',
    sql: `SELECT CAST(DATE_TRUNC('WEEK', DATE_TRUNC('SECOND', t0.created_at)) AS DATE) AS qt_w, SUM(t0.transaction_amount) AS qt_t
FROM public.fines_and_fees AS t0
GROUP BY qt_w`,
    reference: `SELECT CAST(date_trunc('week', f.created_at) AS date), sum(f.transaction_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'filter control values: distinct dimension, ordered, LIMIT',
    sql: `SELECT t0.job_title AS qt_j FROM public.users AS t0 GROUP BY qt_j ORDER BY qt_j ASC LIMIT 1000`,
    reference: `SELECT u.job_title, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'ratio of two SUMs with NULLIF',
    sql: `SELECT t0.fee_type AS qt_f, SUM(t0.transaction_amount) / NULLIF(SUM(t0.original_amount), 0) AS qt_paid_share
FROM public.fines_and_fees AS t0
GROUP BY qt_f`,
    reference: `SELECT f.fee_type, sum(f.transaction_amount) / NULLIF(sum(f.original_amount), 0), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'NOT boolean and IN filters together',
    sql: `SELECT t0.campus_code AS qt_c, SUM(t0.count) AS qt_n
FROM public.users AS t0
WHERE (NOT t0.is_blocked AND t0.status IN ('Active'))
GROUP BY qt_c`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u WHERE NOT u.is_blocked AND u.status = 'Active' GROUP BY 1`,
  },
  {
    shape: 'quarter: CAST(DATE_TRUNC(QUARTER, ...) AS DATE) with a breakdown dimension',
    sql: `SELECT CAST(DATE_TRUNC('QUARTER', DATE_TRUNC('SECOND', t0.loan_date)) AS DATE) AS qt_q, t0.loan_status AS qt_s,
  SUM(t0.num_of_loans) AS qt_n
FROM public.fulfillment AS t0
GROUP BY qt_q, qt_s`,
    reference: `SELECT CAST(date_trunc('quarter', l.loan_date) AS date), l.loan_status, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1, 2`,
  },
  {
    shape: 'average measure: AVG over a measure at its grain',
    sql: `SELECT t0.loan_status AS qt_s, AVG(t0.average_loan_days) AS qt_a
FROM public.fulfillment AS t0
GROUP BY qt_s`,
    reference: `SELECT l.loan_status, avg(extract(epoch FROM (l.return_date - l.loan_date)) / 86400) FILTER (WHERE l.return_date IS NOT NULL), {people:loans:l} AS __people
FROM {loans} l GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'MAX of a max-able dimension: latest loan date as a date',
    sql: `SELECT MAX(CAST(DATE_TRUNC('SECOND', t0.loan_date) AS DATE)) AS qt_latest FROM public.fulfillment AS t0`,
    reference: `SELECT max(l.loan_date::date), {people:loans:l} AS __people FROM {loans} l`,
  },
]);
