import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Amazon QuickSight (direct query): the dataset as a subquery ("SELECT ... FROM public.x" or the
// analyst's custom SQL) aliased by the dataset name, aggregates over it (SUM over measures,
// COUNT(DISTINCT), MIN/MAX for date controls), date_trunc('MONTH', ...) with uppercase units,
// ISO timestamp literals in filters, LIMIT 10000 on visuals and 1000 on control values.
export const quicksight = statementsOf('QuickSight', 'simple', [
  {
    shape: 'visual over the dataset subquery: SUM of a count measure',
    sql: `SELECT "user_group" AS "user_group", SUM("count") AS "count"
FROM (SELECT user_group, campus_code, count FROM public.users) AS "Users"
GROUP BY "user_group"
LIMIT 10000`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'custom SQL dataset with MEASURE(), re-aggregated',
    sql: `SELECT "library_code" AS "library_code", SUM("loans") AS "loans"
FROM (SELECT library_code, loan_status, MEASURE(num_of_loans) AS loans FROM fulfillment GROUP BY 1, 2) AS "Custom SQL"
GROUP BY "library_code"
LIMIT 10000`,
    reference: `SELECT l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'month: date_trunc(\'MONTH\', col) over the dataset',
    sql: `SELECT date_trunc('MONTH', "created_at") AS "created_at", SUM("original_amount") AS "original_amount"
FROM (SELECT created_at, original_amount FROM public.fines_and_fees) AS "Fees"
GROUP BY date_trunc('MONTH', "created_at")
ORDER BY date_trunc('MONTH', "created_at") ASC
LIMIT 10000`,
    reference: `SELECT date_trunc('month', f.created_at), sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'date control bounds: MIN and MAX of a time as dates',
    sql: `SELECT MIN(CAST("created_at" AS DATE)) AS "min", MAX(CAST("created_at" AS DATE)) AS "max"
FROM (SELECT created_at FROM public.resource_sharing) AS "Requests"`,
    reference: `SELECT min(r.created_at::date), max(r.created_at::date), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r`,
  },
  {
    shape: 'control values: distinct dimension values, LIMIT 1000',
    sql: `SELECT DISTINCT "loan_status" AS "loan_status"
FROM (SELECT loan_status FROM public.fulfillment) AS "Loans"
ORDER BY "loan_status" ASC
LIMIT 1000`,
    reference: `SELECT l.loan_status, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'distinct count over the dataset',
    sql: `SELECT "campus_code" AS "campus_code", COUNT(DISTINCT "job_title") AS "job_title"
FROM (SELECT campus_code, job_title FROM public.users) AS "Users"
GROUP BY "campus_code"
LIMIT 10000`,
    reference: `SELECT u.campus_code, count(DISTINCT u.job_title), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'ISO timestamp literals in a filter over the dataset',
    sql: `SELECT "loan_status" AS "loan_status", SUM("num_of_loans") AS "num_of_loans"
FROM (SELECT loan_status, loan_date, num_of_loans FROM public.fulfillment) AS "Loans"
WHERE "loan_date" >= '2026-01-01T00:00:00.000Z' AND "loan_date" <= '2026-06-30T23:59:59.999Z'
GROUP BY "loan_status"
LIMIT 10000`,
    reference: `SELECT l.loan_status, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date >= '2026-01-01T00:00:00.000Z' AND l.loan_date <= '2026-06-30T23:59:59.999Z' GROUP BY 1`,
  },
  {
    shape: 'KPI: whole-dataset SUM of a sum measure',
    sql: `SELECT SUM("remaining_amount") AS "remaining_amount"
FROM (SELECT remaining_amount, fee_status FROM public.fines_and_fees) AS "Fees"
WHERE "fee_status" = 'Open'`,
    reference: `SELECT sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.fee_status = 'Open'`,
  },
  {
    shape: 'count of records: COUNT(*) over the dataset',
    sql: `SELECT "partner_code" AS "partner_code", COUNT(*) AS "count"
FROM (SELECT partner_code FROM public.resource_sharing) AS "Requests"
GROUP BY "partner_code"
LIMIT 10000`,
    reference: `SELECT r.partner_code, count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'calculated field: ifelse as CASE, grouped',
    sql: `SELECT CASE WHEN "renewals" > 0 THEN 'renewed' ELSE 'not renewed' END AS "renewed", SUM("num_of_loans") AS "num_of_loans"
FROM (SELECT renewals, num_of_loans FROM public.fulfillment) AS "Loans"
GROUP BY CASE WHEN "renewals" > 0 THEN 'renewed' ELSE 'not renewed' END
LIMIT 10000`,
    reference: `SELECT CASE WHEN l.renewals > 0 THEN 'renewed' ELSE 'not renewed' END, count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'top 5 by a measure',
    sql: `SELECT "job_title" AS "job_title", SUM("count") AS "count"
FROM (SELECT job_title, count FROM public.users) AS "Users"
GROUP BY "job_title"
ORDER BY "count" DESC, "job_title" ASC
LIMIT 5`,
    reference: `SELECT u.job_title, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC, 1 LIMIT 5`,
    compare: ORDERED,
  },
  {
    shape: 'average measure by a dimension over the dataset',
    sql: `SELECT "request_status" AS "request_status", AVG("average_turnaround_days") AS "average_turnaround_days"
FROM (SELECT request_status, average_turnaround_days FROM public.resource_sharing) AS "Requests"
GROUP BY "request_status"
LIMIT 10000`,
    reference: `SELECT r.request_status, avg(extract(epoch FROM (r.completed_at - r.created_at)) / 86400) FILTER (WHERE r.request_status = 'Completed'), {people:borrowing_requests:r} AS __people
FROM {borrowing_requests} r GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'quarter: date_trunc(\'QUARTER\') with an IN filter',
    sql: `SELECT date_trunc('QUARTER', "loan_date") AS "loan_date", SUM("num_of_renewals") AS "num_of_renewals"
FROM (SELECT loan_date, num_of_renewals, library_code FROM public.fulfillment) AS "Loans"
WHERE "library_code" IN ('ARTS', 'MED')
GROUP BY date_trunc('QUARTER', "loan_date")
LIMIT 10000`,
    reference: `SELECT date_trunc('quarter', l.loan_date), sum(l.renewals), {people:loans:l} AS __people FROM {loans} l WHERE l.library_code IN ('ARTS', 'MED') GROUP BY 1`,
  },
  {
    shape: 'SELECT * dataset subquery, aggregated outside',
    sql: `SELECT "fee_type" AS "fee_type", SUM("transaction_amount") AS "transaction_amount"
FROM (SELECT * FROM public.fines_and_fees) AS "Fees"
GROUP BY "fee_type"
LIMIT 10000`,
    reference: `SELECT f.fee_type, sum(f.transaction_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f GROUP BY 1`,
  },
  {
    shape: 'is not null filter and a boolean',
    sql: `SELECT "campus_code" AS "campus_code", SUM("count") AS "count"
FROM (SELECT campus_code, count, statistical_category_4, linked_from_other_institution FROM public.users) AS "Users"
WHERE "statistical_category_4" IS NOT NULL AND "linked_from_other_institution" = false
GROUP BY "campus_code"
LIMIT 10000`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u
WHERE u.statistical_category_4 IS NOT NULL AND NOT u.linked_from_other_institution GROUP BY 1`,
  },
]);
