import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// ThoughtSpot (PgJDBC): tables aliased "ta_1", columns "ca_1"..., every query of a Liveboard
// wrapped in CTEs "qt_1"... and read back from them, measures as
// CASE WHEN sum(x) IS NOT NULL THEN sum(x) ELSE 0 END, LOWER(...) for text filters,
// EXTRACT and DATE_TRUNC for dates, CAST of literals, LIMIT 1000.
export const thoughtspot = statementsOf('ThoughtSpot', 'extended', [
  {
    shape: 'measure as CASE WHEN sum(x) IS NOT NULL THEN sum(x) ELSE 0 END',
    sql: `SELECT "ta_1"."user_group" "ca_1",
  CASE WHEN sum("ta_1"."count") IS NOT NULL THEN sum("ta_1"."count") ELSE 0 END "ca_2"
FROM "public"."users" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'CTE qt_1 read back, ordered by the measure, LIMIT 1000',
    sql: `WITH "qt_1" AS (
  SELECT "ta_1"."library_code" "ca_1", sum("ta_1"."num_of_loans") "ca_2"
  FROM "public"."fulfillment" "ta_1"
  GROUP BY "ca_1"
)
SELECT "qt_1"."ca_1" "ca_3", "qt_1"."ca_2" "ca_4"
FROM "qt_1"
ORDER BY "ca_4" DESC
LIMIT 1000`,
    reference: `SELECT l.library_code, count(*) AS n, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'two CTEs of two views joined on a shared attribute (multi-fact)',
    sql: `WITH "qt_1" AS (
  SELECT "ta_1"."campus_code" "ca_1", sum("ta_1"."num_of_loans") "ca_2"
  FROM "public"."fulfillment" "ta_1" GROUP BY "ca_1"
), "qt_2" AS (
  SELECT "ta_2"."campus_code" "ca_3", sum("ta_2"."num_of_requests") "ca_4"
  FROM "public"."resource_sharing" "ta_2" GROUP BY "ca_3"
)
SELECT coalesce("qt_1"."ca_1", "qt_2"."ca_3") "ca_5", "qt_1"."ca_2" "ca_6", "qt_2"."ca_4" "ca_7"
FROM "qt_1" FULL OUTER JOIN "qt_2" ON "qt_1"."ca_1" = "qt_2"."ca_3"`,
    reference: `SELECT coalesce(a.campus_code, b.campus_code), a.n, b.n, least(coalesce(a.p, b.p), coalesce(b.p, a.p)) AS __people
FROM (SELECT l.campus_code, count(*) AS n, {people:loans:l} AS p FROM {loans} l GROUP BY 1) a
FULL JOIN (SELECT r.campus_code, count(*) AS n, {people:borrowing_requests:r} AS p FROM {borrowing_requests} r GROUP BY 1) b ON a.campus_code = b.campus_code`,
  },
  {
    shape: 'whole-view distinct count',
    sql: `SELECT count(DISTINCT "ta_1"."campus_code") "ca_1" FROM "public"."users" "ta_1"`,
    reference: `SELECT count(DISTINCT u.campus_code), {people:users:u} AS __people FROM {users} u`,
  },
  {
    shape: 'monthly: DATE_TRUNC(\'month\', col) grouped',
    sql: `SELECT DATE_TRUNC('month', "ta_1"."created_at") "ca_1", sum("ta_1"."original_amount") "ca_2"
FROM "public"."fines_and_fees" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT date_trunc('month', f.created_at), sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'yearly: EXTRACT(YEAR FROM col) grouped',
    sql: `SELECT EXTRACT(YEAR FROM "ta_1"."loan_date") "ca_1", sum("ta_1"."num_of_loans") "ca_2"
FROM "public"."fulfillment" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT extract(year FROM l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'text filter: LOWER(col) = literal',
    sql: `SELECT "ta_1"."campus_code" "ca_1", sum("ta_1"."count") "ca_2"
FROM "public"."users" "ta_1"
WHERE LOWER("ta_1"."job_title") = 'student'
GROUP BY "ca_1"`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u WHERE lower(u.job_title) = 'student' GROUP BY 1`,
  },
  {
    shape: 'time filter: CAST(literal AS TIMESTAMP) bounds',
    sql: `SELECT "ta_1"."loan_status" "ca_1", sum("ta_1"."num_of_loans") "ca_2"
FROM "public"."fulfillment" "ta_1"
WHERE ("ta_1"."loan_date" >= CAST('2026-01-01 00:00:00' AS TIMESTAMP) AND "ta_1"."loan_date" < CAST('2026-10-01 00:00:00' AS TIMESTAMP))
GROUP BY "ca_1"`,
    reference: `SELECT l.loan_status, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date >= TIMESTAMP '2026-01-01 00:00:00' AND l.loan_date < TIMESTAMP '2026-10-01 00:00:00' GROUP BY 1`,
  },
  {
    shape: 'quarterly: DATE_TRUNC(\'quarter\') with a breakdown',
    sql: `SELECT DATE_TRUNC('quarter', "ta_1"."created_at") "ca_1", "ta_1"."request_status" "ca_2", sum("ta_1"."num_of_requests") "ca_3"
FROM "public"."resource_sharing" "ta_1"
GROUP BY "ca_1", "ca_2"`,
    reference: `SELECT date_trunc('quarter', r.created_at), r.request_status, count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1, 2`,
  },
  {
    shape: 'formula: CASE over a boolean dimension, grouped',
    sql: `SELECT CASE WHEN "ta_1"."is_blocked" THEN 'Blocked' ELSE 'Not blocked' END "ca_1", sum("ta_1"."count") "ca_2"
FROM "public"."users" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT CASE WHEN u.is_blocked THEN 'Blocked' ELSE 'Not blocked' END, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'day of week: EXTRACT(DOW) grouped',
    sql: `SELECT EXTRACT(DOW FROM "ta_1"."created_at") "ca_1", sum("ta_1"."num_of_fines_fees") "ca_2"
FROM "public"."fines_and_fees" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT extract(dow FROM f.created_at), count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'IN filter and two measures',
    sql: `SELECT "ta_1"."fee_type" "ca_1", sum("ta_1"."original_amount") "ca_2", sum("ta_1"."remaining_amount") "ca_3"
FROM "public"."fines_and_fees" "ta_1"
WHERE "ta_1"."campus_code" IN ('MAIN', 'MED')
GROUP BY "ca_1"`,
    reference: `SELECT f.fee_type, sum(f.original_amount), sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.campus_code IN ('MAIN', 'MED') GROUP BY 1`,
  },
  {
    shape: 'average measure inside the CTE',
    sql: `WITH "qt_1" AS (
  SELECT "ta_1"."library_code" "ca_1", avg("ta_1"."average_loan_days") "ca_2"
  FROM "public"."fulfillment" "ta_1" GROUP BY "ca_1"
)
SELECT "qt_1"."ca_1" "ca_3", "qt_1"."ca_2" "ca_4" FROM "qt_1"`,
    reference: `SELECT l.library_code, avg(extract(epoch FROM (l.return_date - l.loan_date)) / 86400) FILTER (WHERE l.return_date IS NOT NULL), {people:loans:l} AS __people
FROM {loans} l GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'min and max of a number dimension per group',
    sql: `SELECT "ta_1"."loan_status" "ca_1", min("ta_1"."renewals") "ca_2", max("ta_1"."renewals") "ca_3"
FROM "public"."fulfillment" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT l.loan_status, min(l.renewals), max(l.renewals), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'search-answer values: distinct attribute values, LIMIT 1000',
    sql: `SELECT "ta_1"."partner_code" "ca_1" FROM "public"."resource_sharing" "ta_1" GROUP BY "ca_1" ORDER BY "ca_1" LIMIT 1000`,
    reference: `SELECT r.partner_code, {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'CONCAT of two attributes, grouped',
    sql: `SELECT CONCAT("ta_1"."campus_code", ' / ', "ta_1"."user_group") "ca_1", sum("ta_1"."count") "ca_2"
FROM "public"."users" "ta_1"
GROUP BY "ca_1"`,
    reference: `SELECT concat(u.campus_code, ' / ', u.user_group), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'year as CAST(CAST(((((EXTRACT(YEAR) * 100) + 1) * 100) + 1) AS varchar) AS date)',
    sql: `SELECT CAST(CAST(((((EXTRACT(YEAR FROM "ta_1"."loan_date") * 100) + 1) * 100) + 1) AS varchar) AS date) "ca_1",
  sum("ta_1"."num_of_loans") "ca_2"
FROM "public"."fulfillment" "ta_1"
GROUP BY "ca_1"
LIMIT 100000`,
    reference: `SELECT CAST(date_trunc('year', l.loan_date) AS date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'quarter as CAST(EXTRACT(YEAR) || \'-\' || month of the quarter || \'-01\' AS DATE)',
    sql: `SELECT CAST(EXTRACT(YEAR FROM "ta_1"."created_at") || '-' || ((FLOOR(((EXTRACT(MONTH FROM "ta_1"."created_at") - 1) / NULLIF(3,0))) * 3) + 1) || '-01' AS DATE) "ca_1",
  sum("ta_1"."num_of_requests") "ca_2"
FROM "public"."resource_sharing" "ta_1"
GROUP BY "ca_1"
LIMIT 100000`,
    reference: `SELECT CAST(date_trunc('quarter', r.created_at) AS date), count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'text filter as (LOWER(col) IN (...)) = TRUE',
    sql: `SELECT "ta_1"."library_code" "ca_1", sum("ta_1"."num_of_loans") "ca_2"
FROM "public"."fulfillment" "ta_1"
WHERE (LOWER("ta_1"."loan_status") IN ('active', 'lost')) = TRUE
GROUP BY "ca_1"
LIMIT 100000`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l WHERE lower(l.loan_status) IN ('active', 'lost') GROUP BY 1`,
  },
]);
