import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Sigma Computing (PgJDBC): every query is a chain of CTEs Q1, Q2... — Q1 selects the columns
// from the view, the next ones aggregate or filter, the last is read with a row cap (LIMIT
// 25001); lowercase SQL, cast(... as date), coalesce, window functions for "% of total",
// NULLS LAST orderings.
export const sigma = statementsOf('Sigma', 'extended', [
  {
    shape: 'Q1 projection, Q2 aggregation, ordered, limit 25001',
    sql: `with Q1 as (select "user_group", "campus_code", "count" from "public"."users"),
Q2 as (select "user_group" as "user_group_1", sum("count") as "sum_count" from Q1 group by "user_group")
select "user_group_1", "sum_count" from Q2 order by "sum_count" desc limit 25001`,
    reference: `SELECT u.user_group, count(*) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC`,
    compare: ORDERED,
  },
  {
    shape: 'date_trunc(month) inside the projection CTE',
    sql: `with Q1 as (select date_trunc('month', "loan_date") as "loan_month", "num_of_loans" from "public"."fulfillment"),
Q2 as (select "loan_month", sum("num_of_loans") as "loans" from Q1 group by "loan_month")
select * from Q2 order by "loan_month" asc nulls last limit 25001`,
    reference: `SELECT date_trunc('month', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count distinct in the aggregation CTE',
    sql: `with Q1 as (select "library_code", "user_group" from "public"."fulfillment"),
Q2 as (select "library_code", count(distinct "user_group") as "groups" from Q1 group by "library_code")
select * from Q2 limit 25001`,
    reference: `SELECT l.library_code, count(DISTINCT l.user_group), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'cast(time as date) grouped',
    sql: `with Q1 as (select cast("created_at" as date) as "created_day", "num_of_requests" from "public"."resource_sharing"),
Q2 as (select "created_day", sum("num_of_requests") as "requests" from Q1 group by "created_day")
select * from Q2 limit 25001`,
    reference: `SELECT r.created_at::date, count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
  {
    shape: 'coalesce of a nullable dimension, grouped',
    sql: `with Q1 as (select coalesce("statistical_category_2", 'None') as "cat2", "count" from "public"."users"),
Q2 as (select "cat2", sum("count") as "users" from Q1 group by "cat2")
select * from Q2 limit 25001`,
    reference: `SELECT coalesce(u.statistical_category_2, 'None'), count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'filter CTE between timestamp literals',
    sql: `with Q1 as (select "fee_type", "original_amount", "created_at" from "public"."fines_and_fees"),
Q2 as (select * from Q1 where "created_at" >= timestamp '2025-07-01 00:00:00' and "created_at" < timestamp '2026-07-01 00:00:00'),
Q3 as (select "fee_type", sum("original_amount") as "charged" from Q2 group by "fee_type")
select * from Q3 limit 25001`,
    reference: `SELECT f.fee_type, sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.created_at >= TIMESTAMP '2025-07-01 00:00:00' AND f.created_at < TIMESTAMP '2026-07-01 00:00:00' GROUP BY 1`,
  },
  {
    shape: 'percent of total: sum(x) / sum(sum(x)) over ()',
    sql: `with Q1 as (select "campus_code", "count" from "public"."users"),
Q2 as (select "campus_code", sum("count") as "users", sum("count")::numeric / sum(sum("count")) over () as "share" from Q1 group by "campus_code")
select * from Q2 limit 25001`,
    reference: `SELECT u.campus_code, count(*), count(*)::numeric / sum(count(*)) OVER (), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
  {
    shape: 'conditional sum: sum(case when ... then x end)',
    sql: `with Q1 as (select "library_code", "num_of_loans", "loan_status" from "public"."fulfillment"),
Q2 as (select "library_code", sum(case when "loan_status" = 'Lost' then "num_of_loans" end) as "lost" from Q1 group by "library_code")
select * from Q2 limit 25001`,
    reference: `SELECT l.library_code, sum(CASE WHEN l.loan_status = 'Lost' THEN 1 END), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'weekday of a date: extract(dow)',
    sql: `with Q1 as (select extract(dow from "loan_date") as "weekday", "num_of_loans" from "public"."fulfillment"),
Q2 as (select "weekday", sum("num_of_loans") as "loans" from Q1 group by "weekday")
select * from Q2 order by "weekday" limit 25001`,
    reference: `SELECT extract(dow FROM l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'count of rows over an empty filter is 0',
    sql: `with Q1 as (select "partner_code" from "public"."resource_sharing" where "partner_code" = 'NO_SUCH_PARTNER')
select count(*) as "rows" from Q1`,
    reference: `SELECT count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r WHERE r.partner_code = 'NO_SUCH_PARTNER'`,
  },
  {
    shape: 'min and max of a time for a date filter control (as dates)',
    sql: `with Q1 as (select cast("loan_date" as date) as "d" from "public"."fulfillment")
select min("d") as "min_d", max("d") as "max_d" from Q1`,
    reference: `SELECT min(l.loan_date::date), max(l.loan_date::date), {people:loans:l} AS __people FROM {loans} l`,
  },
  {
    shape: 'count(1) per group, NULLS LAST ordering',
    sql: `with Q1 as (select "statistical_category_1" from "public"."users"),
Q2 as (select "statistical_category_1", count(1) as "n" from Q1 group by "statistical_category_1")
select * from Q2 order by "statistical_category_1" asc nulls last limit 25001`,
    reference: `SELECT u.statistical_category_1, count(1), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1 NULLS LAST`,
    compare: ORDERED,
  },
  {
    shape: 'lower(...) like filter in a CTE',
    sql: `with Q1 as (select "job_title", "count" from "public"."users" where lower("job_title") like '%assist%'),
Q2 as (select "job_title", sum("count") as "users" from Q1 group by "job_title")
select * from Q2 limit 25001`,
    reference: `SELECT u.job_title, count(*), {people:users:u} AS __people FROM {users} u WHERE lower(u.job_title) LIKE '%assist%' GROUP BY 1`,
  },
  {
    shape: 'two levels of grouping: campus then all',
    sql: `with Q1 as (select "campus_code", "user_group", "count" from "public"."users"),
Q2 as (select "campus_code", "user_group", sum("count") as "n" from Q1 group by "campus_code", "user_group"),
Q3 as (select "campus_code", sum("n") as "n", count(*) as "groups" from Q2 group by "campus_code")
select * from Q3 order by "campus_code" limit 25001`,
    reference: `SELECT u.campus_code, count(*), count(DISTINCT u.user_group), {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'sum of a sum measure with a boolean filter',
    sql: `with Q1 as (select "partner_code", "num_of_requests_filled", "filled" from "public"."resource_sharing" where "filled" = true),
Q2 as (select "partner_code", sum("num_of_requests_filled") as "filled_requests" from Q1 group by "partner_code")
select * from Q2 limit 25001`,
    reference: `SELECT r.partner_code, count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r WHERE r.filled GROUP BY 1`,
  },
]);
