import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Tableau (its PostgreSQL connector, PgJDBC on macOS and Linux): every column qualified by the
// table alias, aggregates named "<agg>:<field>:<suffix>", measures summed even when they are
// counts, HAVING (COUNT(1) > 0) on whole-table aggregates, TIMESTAMP literals, CAST(... AS TEXT)
// in filters, TRUNC(EXTRACT(...)) for date parts, and a JOIN to an aggregated subquery for Top N.
export const tableau = statementsOf('Tableau', 'extended', [
  {
    shape: 'whole-table SUM of a count measure with HAVING (COUNT(1) > 0)',
    sql: `SELECT SUM("users"."count") AS "sum:count:ok"
FROM "public"."users" "users"
HAVING (COUNT(1) > 0)`,
    reference: `SELECT count(*) AS "sum:count:ok", {people:users:u} AS __people FROM {users} u HAVING count(1) > 0`,
  },
  {
    shape: 'SUM of a count measure by a dimension',
    sql: `SELECT "users"."user_group" AS "user_group",
  SUM("users"."count") AS "sum:count:ok"
FROM "public"."users" "users"
GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'SUM of a sum measure by two dimensions',
    sql: `SELECT "fines_and_fees"."fee_type" AS "fee_type",
  "fines_and_fees"."fee_status" AS "fee_status",
  SUM("fines_and_fees"."original_amount") AS "sum:original_amount:ok"
FROM "public"."fines_and_fees" "fines_and_fees"
GROUP BY 1, 2`,
    reference: `SELECT f.fee_type, f.fee_status, sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1, 2`,
  },
  {
    shape: 'exact date: CAST(time AS DATE) grouped',
    sql: `SELECT CAST("fulfillment"."loan_date" AS DATE) AS "tdy:loan_date:ok",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1`,
    reference: `SELECT l.loan_date::date, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'year as CAST(TRUNC(EXTRACT(YEAR ...)) AS INTEGER)',
    sql: `SELECT CAST(TRUNC(EXTRACT(YEAR FROM "fulfillment"."loan_date")) AS INTEGER) AS "yr:loan_date:ok",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1`,
    reference: `SELECT CAST(trunc(extract(year FROM l.loan_date)) AS integer), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'quarter as CAST(TRUNC(EXTRACT(QUARTER ...)) AS INTEGER) with the year',
    sql: `SELECT CAST(TRUNC(EXTRACT(YEAR FROM "fulfillment"."loan_date")) AS INTEGER) AS "yr:loan_date:ok",
  CAST(TRUNC(EXTRACT(QUARTER FROM "fulfillment"."loan_date")) AS INTEGER) AS "qr:loan_date:ok",
  SUM("fulfillment"."num_of_renewals") AS "sum:num_of_renewals:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1, 2`,
    reference: `SELECT CAST(trunc(extract(year FROM l.loan_date)) AS integer), CAST(trunc(extract(quarter FROM l.loan_date)) AS integer), sum(l.renewals), {people:loans:l} AS __people FROM {loans} l GROUP BY 1, 2`,
  },
  {
    shape: 'month as DATE_TRUNC over CAST(... AS TIMESTAMP)',
    sql: `SELECT DATE_TRUNC( 'MONTH', CAST("fulfillment"."loan_date" AS TIMESTAMP) ) AS "tmn:loan_date:ok",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1`,
    reference: `SELECT date_trunc('month', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'date range of a time dimension (MIN/MAX of a dimension)',
    timeGranularity: 'second',
    sql: `SELECT MIN("fulfillment"."loan_date") AS "tmn:loan_date:min",
  MAX("fulfillment"."loan_date") AS "tmn:loan_date:max"
FROM "public"."fulfillment" "fulfillment"`,
    reference: `SELECT min(l.loan_date), max(l.loan_date), {people:loans:l} AS __people FROM {loans} l`,
  },
  {
    shape: 'range of a number dimension (MIN/MAX)',
    sql: `SELECT MIN("fulfillment"."renewals") AS "tmn:renewals:min",
  MAX("fulfillment"."renewals") AS "tmn:renewals:max"
FROM "public"."fulfillment" "fulfillment"`,
    reference: `SELECT min(l.renewals), max(l.renewals), {people:loans:l} AS __people FROM {loans} l`,
  },
  {
    shape: 'time filter between TIMESTAMP literals',
    sql: `SELECT SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
WHERE (("fulfillment"."loan_date" >= (TIMESTAMP '2025-03-01 00:00:00.000')) AND ("fulfillment"."loan_date" <= (TIMESTAMP '2025-09-30 23:59:59.999')))
HAVING (COUNT(1) > 0)`,
    reference: `SELECT count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date >= TIMESTAMP '2025-03-01 00:00:00' AND l.loan_date <= TIMESTAMP '2025-09-30 23:59:59.999' HAVING count(1) > 0`,
  },
  {
    shape: 'filter on CAST(dimension AS TEXT) IN a list',
    sql: `SELECT "users"."user_group" AS "user_group",
  SUM("users"."active_users") AS "sum:active_users:ok"
FROM "public"."users" "users"
WHERE (CAST("users"."campus_code" AS TEXT) IN ('ARTS', 'LAW'))
GROUP BY 1`,
    reference: `SELECT u.user_group, count(*) FILTER (WHERE u.status = 'Active'), {people:users:u} AS __people FROM {users} u WHERE u.campus_code IN ('ARTS', 'LAW') GROUP BY 1`,
  },
  {
    shape: 'boolean dimension as the whole WHERE',
    sql: `SELECT SUM("users"."count") AS "sum:count:ok"
FROM "public"."users" "users"
WHERE "users"."is_blocked"
HAVING (COUNT(1) > 0)`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE u.is_blocked HAVING count(1) > 0`,
  },
  {
    shape: 'NOT of a boolean dimension',
    sql: `SELECT "fulfillment"."library_code" AS "library_code",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
WHERE NOT("fulfillment"."in_house")
GROUP BY 1`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l WHERE NOT l.in_house GROUP BY 1`,
  },
  {
    shape: 'distinct count of a dimension (ctd:)',
    sql: `SELECT COUNT(DISTINCT "users"."job_title") AS "ctd:job_title:ok"
FROM "public"."users" "users"`,
    reference: `SELECT count(DISTINCT u.job_title), {people:users:u} AS __people FROM {users} u`,
  },
  {
    shape: 'row count with COUNT(1)',
    sql: `SELECT COUNT(1) AS "cnt:resource_sharing:ok"
FROM "public"."resource_sharing" "resource_sharing"`,
    reference: `SELECT count(1), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r`,
  },
  {
    shape: 'domain of a filter: dimension values grouped and sorted',
    sql: `SELECT "users"."user_group" AS "user_group"
FROM "public"."users" "users"
GROUP BY 1
ORDER BY 1 ASC`,
    reference: `SELECT u.user_group, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'Top N: JOIN to an aggregated subquery ordered by the measure',
    sql: `SELECT "users"."campus_code" AS "campus_code",
  SUM("users"."count") AS "sum:count:ok"
FROM "public"."users" "users"
  INNER JOIN (
  SELECT "users"."user_group" AS "user_group",
    SUM("users"."count") AS "$__alias__0"
  FROM "public"."users" "users"
  GROUP BY 1
  ORDER BY 2 DESC
  LIMIT 3
) "t0" ON ("users"."user_group" = "t0"."user_group")
GROUP BY 1`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u
JOIN (SELECT user_group FROM {users} i GROUP BY 1 ORDER BY count(*) DESC LIMIT 3) t0 ON u.user_group = t0.user_group GROUP BY 1`,
  },
  {
    shape: 'custom SQL wrapped: SUM over a subquery with MEASURE',
    sql: `SELECT "Custom SQL Query"."user_group" AS "user_group",
  SUM("Custom SQL Query"."n") AS "sum:n:ok"
FROM (
  SELECT user_group, campus_code, MEASURE(count) AS n FROM users GROUP BY 1, 2
) "Custom SQL Query"
GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'AVG of an average measure at its own grain',
    sql: `SELECT "fulfillment"."library_code" AS "library_code",
  AVG("fulfillment"."average_loan_days") AS "avg:average_loan_days:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1`,
    reference: `SELECT l.library_code, avg(extract(epoch FROM (l.return_date - l.loan_date)) / 86400) FILTER (WHERE l.return_date IS NOT NULL), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'filter on CAST(time AS DATE) against a DATE literal',
    sql: `SELECT SUM("fines_and_fees"."num_of_fines_fees") AS "sum:num_of_fines_fees:ok"
FROM "public"."fines_and_fees" "fines_and_fees"
WHERE (CAST("fines_and_fees"."created_at" AS DATE) >= DATE '2026-01-01')
HAVING (COUNT(1) > 0)`,
    reference: `SELECT count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.created_at::date >= DATE '2026-01-01' HAVING count(1) > 0`,
  },
  {
    shape: 'day of week (EXTRACT(DOW)) grouped',
    sql: `SELECT CAST(TRUNC(EXTRACT(DOW FROM "fulfillment"."loan_date")) AS INTEGER) AS "wd:loan_date:ok",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
GROUP BY 1`,
    reference: `SELECT CAST(trunc(extract(dow FROM l.loan_date)) AS integer), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'relative date filter: DATE_TRUNC(\'DAY\', LOCALTIMESTAMP) minus days',
    sql: `SELECT "fulfillment"."library_code" AS "library_code",
  SUM("fulfillment"."num_of_loans") AS "sum:num_of_loans:ok"
FROM "public"."fulfillment" "fulfillment"
WHERE (("fulfillment"."loan_date" >= (DATE_TRUNC( 'DAY', LOCALTIMESTAMP ) + -90 * INTERVAL '1 DAY')) AND ("fulfillment"."loan_date" < (DATE_TRUNC( 'DAY', LOCALTIMESTAMP ) + 1 * INTERVAL '1 DAY')))
GROUP BY 1`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date AT TIME ZONE 'UTC' >= date_trunc('day', LOCALTIMESTAMP) - 90 * INTERVAL '1 day'
  AND l.loan_date AT TIME ZONE 'UTC' < date_trunc('day', LOCALTIMESTAMP) + INTERVAL '1 day' GROUP BY 1`,
  },
  {
    shape: 'exact date with a filter and a second dimension',
    sql: `SELECT CAST("fines_and_fees"."created_at" AS DATE) AS "tdy:created_at:ok",
  "fines_and_fees"."fee_status" AS "fee_status",
  SUM("fines_and_fees"."remaining_amount") AS "sum:remaining_amount:ok"
FROM "public"."fines_and_fees" "fines_and_fees"
WHERE ("fines_and_fees"."fee_type" <> 'Card replacement fee')
GROUP BY 1, 2`,
    reference: `SELECT f.created_at::date, f.fee_status, sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.fee_type <> 'Card replacement fee' GROUP BY 1, 2`,
  },
]);
