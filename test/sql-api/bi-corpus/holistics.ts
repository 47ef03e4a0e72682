import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Holistics: every model becomes a CTE named after it, the report reads from the CTEs with
// qualified aliases ("users"."user_group" AS "u_g"), dates as DATE_TRUNC(...)::date or CAST(...
// AS timestamp), AT TIME ZONE for the report's zone, SUM/COUNT/COUNT(DISTINCT) over model fields,
// ORDER BY with NULLS LAST, LIMIT 5000.
export const holistics = statementsOf('Holistics', 'simple', [
  {
    shape: 'model CTE read back with aliases, ordered, LIMIT 5000',
    sql: `WITH "users_model" AS (
  SELECT "users"."user_group" AS "user_group", "users"."count" AS "count" FROM "public"."users" "users"
)
SELECT "users_model"."user_group" AS "u_g", SUM("users_model"."count") AS "s_c"
FROM "users_model"
GROUP BY 1
ORDER BY 2 DESC NULLS LAST
LIMIT 5000`,
    reference: `SELECT u.user_group, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'month as DATE_TRUNC(...)::date',
    sql: `WITH "loans_model" AS (SELECT "f"."loan_date", "f"."num_of_loans" FROM "public"."fulfillment" "f")
SELECT DATE_TRUNC('month', "loans_model"."loan_date")::date AS "month", SUM("loans_model"."num_of_loans") AS "loans"
FROM "loans_model"
GROUP BY 1
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT date_trunc('month', l.loan_date)::date, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'report time zone: AT TIME ZONE then DATE_TRUNC(day)',
    sql: `SELECT DATE_TRUNC('day', CAST("f"."created_at" AS timestamp) AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York') AS "day",
  SUM("f"."num_of_fines_fees") AS "fees"
FROM "public"."fines_and_fees" "f"
GROUP BY 1
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT date_trunc('day', f.created_at AT TIME ZONE 'America/New_York'), count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'COUNT(DISTINCT) metric by a dimension',
    sql: `SELECT "r"."request_status" AS "status", COUNT(DISTINCT "r"."partner_code") AS "partners"
FROM "public"."resource_sharing" "r"
GROUP BY 1
LIMIT 5000`,
    reference: `SELECT r.request_status, count(DISTINCT r.partner_code), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'pivot: two dimensions and a measure, NULLS FIRST',
    sql: `SELECT "u"."campus_code" AS "campus", "u"."status" AS "status", SUM("u"."count") AS "users"
FROM "public"."users" "u"
GROUP BY 1, 2
ORDER BY 1 ASC NULLS FIRST, 2 ASC NULLS FIRST
LIMIT 5000`,
    reference: `SELECT u.campus_code, u.status, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST`,
    compare: ORDERED,
  },
  {
    shape: 'date filter on CAST(... AS timestamp) between literals',
    sql: `SELECT "f"."fee_status" AS "status", SUM("f"."original_amount") AS "charged"
FROM "public"."fines_and_fees" "f"
WHERE CAST("f"."created_at" AS timestamp) >= CAST('2025-12-01 00:00:00' AS timestamp)
  AND CAST("f"."created_at" AS timestamp) < CAST('2026-12-01 00:00:00' AS timestamp)
GROUP BY 1
LIMIT 5000`,
    reference: `SELECT f.fee_status, sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.created_at >= TIMESTAMP '2025-12-01 00:00:00' AND f.created_at < TIMESTAMP '2026-12-01 00:00:00' GROUP BY 1`,
  },
  {
    shape: 'two model CTEs joined on a dimension',
    sql: `WITH "loans_by_group" AS (
  SELECT "f"."user_group" AS "user_group", SUM("f"."num_of_loans") AS "loans" FROM "public"."fulfillment" "f" GROUP BY 1
), "users_by_group" AS (
  SELECT "u"."user_group" AS "user_group", SUM("u"."count") AS "users" FROM "public"."users" "u" GROUP BY 1
)
SELECT "users_by_group"."user_group" AS "g", "users_by_group"."users" AS "users", "loans_by_group"."loans" AS "loans"
FROM "users_by_group" LEFT JOIN "loans_by_group" ON "users_by_group"."user_group" = "loans_by_group"."user_group"
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT a.user_group, a.n, b.n, least(a.p, coalesce(b.p, a.p)) AS __people
FROM (SELECT u.user_group, count(*) AS n, {people:users:u} AS p FROM {users} u GROUP BY 1) a
LEFT JOIN (SELECT l.user_group, count(*) AS n, {people:loans:l} AS p FROM {loans} l GROUP BY 1) b ON a.user_group = b.user_group ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'business calculation: ratio of two measures',
    sql: `SELECT "r"."partner_code" AS "partner", SUM("r"."num_of_requests_filled") * 1.0 / NULLIF(SUM("r"."num_of_requests"), 0) AS "fill_rate"
FROM "public"."resource_sharing" "r"
GROUP BY 1
LIMIT 5000`,
    reference: `SELECT r.partner_code, count(*) FILTER (WHERE r.filled) * 1.0 / NULLIF(count(*), 0), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'year as EXTRACT(YEAR ...)::int',
    sql: `SELECT EXTRACT(YEAR FROM "f"."loan_date")::int AS "year", SUM("f"."num_of_loans") AS "loans"
FROM "public"."fulfillment" "f"
GROUP BY 1
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT extract(year FROM l.loan_date)::int, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count of rows with an empty result is 0',
    sql: `SELECT COUNT(1) AS "rows" FROM "public"."fines_and_fees" "f" WHERE "f"."fee_type" = 'No such fee'`,
    reference: `SELECT count(1), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.fee_type = 'No such fee'`,
  },
  {
    shape: 'filter with = ANY(ARRAY[...])',
    sql: `SELECT "u"."job_title" AS "job", SUM("u"."count") AS "users"
FROM "public"."users" "u"
WHERE "u"."user_group" = ANY(ARRAY['Faculty', 'Staff'])
GROUP BY 1
LIMIT 5000`,
    reference: `SELECT u.job_title, count(*), {people:users:u} AS __people FROM {users} u WHERE u.user_group = ANY(ARRAY['Faculty', 'Staff']) GROUP BY 1`,
  },
  {
    shape: 'week as DATE_TRUNC(week)::date with a condition on the measure (HAVING)',
    sql: `SELECT DATE_TRUNC('week', "r"."created_at")::date AS "week", SUM("r"."num_of_requests") AS "requests"
FROM "public"."resource_sharing" "r"
GROUP BY 1
HAVING SUM("r"."num_of_requests") >= 5
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT date_trunc('week', r.created_at)::date, count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1 HAVING count(*) >= 5 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'average measure in a model CTE',
    sql: `WITH "loans_model" AS (SELECT "f"."loan_status", "f"."average_loan_days" FROM "public"."fulfillment" "f")
SELECT "loans_model"."loan_status" AS "status", AVG("loans_model"."average_loan_days") AS "days"
FROM "loans_model"
GROUP BY 1
LIMIT 5000`,
    reference: `SELECT l.loan_status, avg(extract(epoch FROM (l.return_date - l.loan_date)) / 86400) FILTER (WHERE l.return_date IS NOT NULL), {people:loans:l} AS __people
FROM {loans} l GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'masked field for the analyst: users by birth decade',
    sql: `SELECT (FLOOR(EXTRACT(YEAR FROM "u"."birth_date") / 10) * 10)::int AS "decade", SUM("u"."count") AS "users"
FROM "public"."users" "u"
GROUP BY 1
ORDER BY 1
LIMIT 5000`,
    reference: `SELECT (floor(extract(year FROM u.birth_date) / 10) * 10)::int, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'identifying field (admin only): loans per named borrower, top 10',
    sql: `SELECT "f"."primary_identifier" AS "borrower", SUM("f"."num_of_loans") AS "loans"
FROM "public"."fulfillment" "f"
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 10`,
    reference: `SELECT l.primary_identifier, count(*) AS n, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10`,
    compare: ORDERED,
  },
]);
