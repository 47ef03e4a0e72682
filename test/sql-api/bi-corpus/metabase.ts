import { ORDERED, ORDERED_APPROX, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Metabase (PgJDBC): fully qualified "public"."table"."column" names, COUNT(*) for "Count of rows",
// CAST(... AS date) for "by day", DATE_TRUNC for coarser units and a shifted DATE_TRUNC('week')
// for Sunday weeks, extract(dow) + 1 for day of week, FLOOR bins for numbers, LOWER(...) LIKE for
// case-insensitive text filters, nested questions as a subquery aliased "source", LIMIT 1048575
// on exports (2000 in the UI), and its table probe SELECT TRUE AS "_" ... WHERE 1 <> 1 LIMIT 0.
export const metabase = statementsOf('Metabase', 'extended', [
  {
    shape: 'table probe: SELECT TRUE AS "_" ... WHERE 1 <> 1 LIMIT 0',
    sql: `SELECT TRUE AS "_" FROM "public"."users" WHERE 1 <> 1 LIMIT 0`,
    reference: `SELECT TRUE AS "_" FROM {users} u WHERE 1 <> 1 LIMIT 0`,
    perRecord: true,
  },
  {
    shape: 'count of rows',
    sql: `SELECT COUNT(*) AS "count" FROM "public"."users"`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u`,
  },
  {
    shape: 'count by day: CAST(time AS date), grouped and ordered',
    sql: `SELECT CAST("public"."fulfillment"."loan_date" AS date) AS "loan_date", COUNT(*) AS "count"
FROM "public"."fulfillment"
GROUP BY CAST("public"."fulfillment"."loan_date" AS date)
ORDER BY CAST("public"."fulfillment"."loan_date" AS date) ASC`,
    reference: `SELECT l.loan_date::date, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count by month: DATE_TRUNC(\'month\') ordered, LIMIT 1048575 (export)',
    sql: `SELECT DATE_TRUNC('month', "public"."fines_and_fees"."created_at") AS "created_at", COUNT(*) AS "count"
FROM "public"."fines_and_fees"
GROUP BY DATE_TRUNC('month', "public"."fines_and_fees"."created_at")
ORDER BY DATE_TRUNC('month', "public"."fines_and_fees"."created_at") ASC
LIMIT 1048575`,
    reference: `SELECT date_trunc('month', f.created_at), count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'one day: CAST(time AS date) = DATE literal',
    sql: `SELECT COUNT(*) AS "count"
FROM "public"."fulfillment"
WHERE CAST("public"."fulfillment"."loan_date" AS date) = DATE '2026-06-15'`,
    reference: `SELECT count(*), {people:loans:l} AS __people FROM {loans} l WHERE l.loan_date::date = DATE '2026-06-15'`,
  },
  {
    shape: 'relative filter: previous 30 days from NOW()',
    sql: `SELECT "public"."fulfillment"."library_code" AS "library_code", COUNT(*) AS "count"
FROM "public"."fulfillment"
WHERE ("public"."fulfillment"."loan_date" >= CAST((NOW() + INTERVAL '-30 day') AS date))
  AND ("public"."fulfillment"."loan_date" < CAST(NOW() AS date))
GROUP BY "public"."fulfillment"."library_code"
ORDER BY "public"."fulfillment"."library_code" ASC`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date >= CAST((now() + INTERVAL '-30 day') AS date) AND l.loan_date < CAST(now() AS date) GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count by week starting Sunday (shifted DATE_TRUNC)',
    sql: `SELECT (CAST(DATE_TRUNC('week', CAST(("public"."resource_sharing"."created_at" + INTERVAL '1 day') AS timestamp)) AS timestamp) + INTERVAL '-1 day') AS "created_at",
  COUNT(*) AS "count"
FROM "public"."resource_sharing"
GROUP BY (CAST(DATE_TRUNC('week', CAST(("public"."resource_sharing"."created_at" + INTERVAL '1 day') AS timestamp)) AS timestamp) + INTERVAL '-1 day')
ORDER BY (CAST(DATE_TRUNC('week', CAST(("public"."resource_sharing"."created_at" + INTERVAL '1 day') AS timestamp)) AS timestamp) + INTERVAL '-1 day') ASC`,
    reference: `SELECT (date_trunc('week', (r.created_at + INTERVAL '1 day') AT TIME ZONE 'UTC') + INTERVAL '-1 day'), count(*), {people:borrowing_requests:r} AS __people
FROM {borrowing_requests} r GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'day of week: extract(dow) + 1',
    sql: `SELECT (CAST(extract(dow from "public"."fulfillment"."loan_date") AS integer) + 1) AS "loan_date", COUNT(*) AS "count"
FROM "public"."fulfillment"
GROUP BY (CAST(extract(dow from "public"."fulfillment"."loan_date") AS integer) + 1)
ORDER BY (CAST(extract(dow from "public"."fulfillment"."loan_date") AS integer) + 1) ASC`,
    reference: `SELECT CAST(extract(dow FROM l.loan_date) AS integer) + 1, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'number bins: FLOOR(x / width) * width',
    sql: `SELECT (FLOOR(("public"."fulfillment"."renewals" / 2.0)) * 2.0) AS "renewals", COUNT(*) AS "count"
FROM "public"."fulfillment"
GROUP BY (FLOOR(("public"."fulfillment"."renewals" / 2.0)) * 2.0)
ORDER BY (FLOOR(("public"."fulfillment"."renewals" / 2.0)) * 2.0) ASC`,
    reference: `SELECT floor(l.renewals / 2.0) * 2.0, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'case-insensitive contains: LOWER(column) LIKE',
    sql: `SELECT COUNT(*) AS "count"
FROM "public"."users"
WHERE (LOWER("public"."users"."job_title") LIKE '%lect%')`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE lower(u.job_title) LIKE '%lect%'`,
  },
  {
    shape: 'does not start with: NOT (LOWER(column) LIKE \'x%\') or NULL',
    sql: `SELECT "public"."users"."job_title" AS "job_title", COUNT(*) AS "count"
FROM "public"."users"
WHERE ((NOT (LOWER("public"."users"."job_title") LIKE 'stu%')) OR ("public"."users"."job_title" IS NULL))
GROUP BY "public"."users"."job_title"
ORDER BY "public"."users"."job_title" ASC`,
    reference: `SELECT u.job_title, count(*), {people:users:u} AS __people FROM {users} u
WHERE NOT (lower(u.job_title) LIKE 'stu%') OR u.job_title IS NULL GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'is empty: IS NULL OR = \'\'',
    sql: `SELECT COUNT(*) AS "count"
FROM "public"."users"
WHERE (("public"."users"."statistical_category_1" IS NULL) OR ("public"."users"."statistical_category_1" = ''))`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE u.statistical_category_1 IS NULL OR u.statistical_category_1 = ''`,
  },
  {
    shape: 'sum of a sum measure',
    sql: `SELECT SUM("public"."fines_and_fees"."transaction_amount") AS "sum"
FROM "public"."fines_and_fees"`,
    reference: `SELECT sum(f.transaction_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f`,
  },
  {
    shape: 'average of a number dimension',
    sql: `SELECT "public"."fulfillment"."loan_status" AS "loan_status", AVG("public"."fulfillment"."renewals") AS "avg"
FROM "public"."fulfillment"
GROUP BY "public"."fulfillment"."loan_status"
ORDER BY "public"."fulfillment"."loan_status" ASC`,
    reference: `SELECT l.loan_status, avg(l.renewals), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED_APPROX,
  },
  {
    shape: 'distinct values: COUNT(DISTINCT column)',
    sql: `SELECT COUNT(DISTINCT "public"."fulfillment"."library_code") AS "count"
FROM "public"."fulfillment"`,
    reference: `SELECT count(DISTINCT l.library_code), {people:loans:l} AS __people FROM {loans} l`,
  },
  {
    shape: 'nested question: aggregate over a subquery aliased "source"',
    sql: `SELECT "source"."user_group" AS "user_group", COUNT(*) AS "count"
FROM (SELECT "public"."users"."user_group" AS "user_group", "public"."users"."campus_code" AS "campus_code"
  FROM "public"."users") AS "source"
WHERE "source"."campus_code" = 'MAIN'
GROUP BY "source"."user_group"
ORDER BY "source"."user_group" ASC`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u WHERE u.campus_code = 'MAIN' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'raw rows of a table, LIMIT 2000',
    sql: `SELECT "public"."resource_sharing"."request_status" AS "request_status",
  "public"."resource_sharing"."partner_code" AS "partner_code",
  "public"."resource_sharing"."created_at" AS "created_at"
FROM "public"."resource_sharing"
LIMIT 2000`,
    reference: `SELECT r.request_status, r.partner_code, r.created_at FROM {borrowing_requests} r`,
    perRecord: true,
  },
  {
    shape: 'field fingerprint: one column of every row, LIMIT 10000',
    sql: `SELECT "public"."users"."job_title" AS "job_title" FROM "public"."users" LIMIT 10000`,
    reference: `SELECT u.job_title FROM {users} u`,
    perRecord: true,
  },
  {
    shape: 'between two dates on CAST(... AS date)',
    sql: `SELECT "public"."fines_and_fees"."fee_status" AS "fee_status", SUM("public"."fines_and_fees"."remaining_amount") AS "sum"
FROM "public"."fines_and_fees"
WHERE CAST("public"."fines_and_fees"."created_at" AS date) BETWEEN DATE '2025-06-01' AND DATE '2026-05-31'
GROUP BY "public"."fines_and_fees"."fee_status"
ORDER BY "public"."fines_and_fees"."fee_status" ASC`,
    reference: `SELECT f.fee_status, sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.created_at::date BETWEEN DATE '2025-06-01' AND DATE '2026-05-31' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'average measure by a dimension',
    sql: `SELECT "public"."resource_sharing"."partner_code" AS "partner_code", AVG("public"."resource_sharing"."average_turnaround_days") AS "avg"
FROM "public"."resource_sharing"
GROUP BY "public"."resource_sharing"."partner_code"`,
    reference: `SELECT r.partner_code, avg(extract(epoch FROM (r.completed_at - r.created_at)) / 86400) FILTER (WHERE r.request_status = 'Completed'), {people:borrowing_requests:r} AS __people
FROM {borrowing_requests} r GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'by day on a date field, filtered: CAST(date AS date) grouped',
    sql: `SELECT CAST("public"."users"."expiry_date" AS date) AS "expiry_date", COUNT(*) AS "count"
FROM "public"."users"
WHERE "public"."users"."user_group" = 'Alumni'
GROUP BY CAST("public"."users"."expiry_date" AS date)
ORDER BY CAST("public"."users"."expiry_date" AS date) ASC`,
    reference: `SELECT u.expiry_date, count(*), {people:users:u} AS __people FROM {users} u WHERE u.user_group = 'Alumni' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count by day with a case-insensitive filter: CAST(time AS date) beside LOWER(col) LIKE',
    sql: `SELECT CAST("public"."fines_and_fees"."created_at" AS date) AS "created_at", COUNT(*) AS "count"
FROM "public"."fines_and_fees"
WHERE (LOWER("public"."fines_and_fees"."fee_status") LIKE '%open%')
GROUP BY CAST("public"."fines_and_fees"."created_at" AS date)
ORDER BY CAST("public"."fines_and_fees"."created_at" AS date) ASC`,
    reference: `SELECT f.created_at::date, count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE lower(f.fee_status) LIKE '%open%' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
]);
