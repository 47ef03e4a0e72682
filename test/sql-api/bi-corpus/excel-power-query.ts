import { ORDERED, statementsOf } from './corpus-statement';

// Excel: Power Query folds its steps into nested selects over "public"."<view>" "$Table" / "_"
// (Npgsql or psqlODBC), Table.RowCount as count(1) AS "$RowCount", Group By as
// count(1) AS "Count", Merge Queries as outer joins; the pivot wizard and Microsoft Query send
// plain ODBC SQL (Sum(...), unquoted names).
export const excelPowerQuery = statementsOf('Excel / Power Query', 'extended', [
  {
    shape: 'preview of three columns: one row per underlying row',
    sql: `select "_"."fee_type",
    "_"."fee_status",
    "_"."created_at"
from "public"."fines_and_fees" "_"
limit 1000`,
    reference: `SELECT f.fee_type, f.fee_status, f.created_at FROM {fines_fees} f`,
    perRecord: true,
  },
  {
    shape: 'preview of three user columns, limit 4096: one row per user',
    sql: `select "$Table"."user_group" as "user_group",
    "$Table"."campus_code" as "campus_code",
    "$Table"."status" as "status"
from "public"."users" "$Table"
limit 4096`,
    reference: `SELECT u.user_group, u.campus_code, u.status FROM {users} u`,
    perRecord: true,
  },
  {
    shape: 'Group By step: count(1) as "Count" over the folded select',
    sql: `select "rows"."user_group" as "user_group",
    count(1) as "Count"
from
(
    select "_"."user_group"
    from "public"."users" "_"
) "rows"
group by "user_group"`,
    reference: `SELECT u.user_group, count(1), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'Filter Rows then Group By with a sum',
    sql: `select "rows"."library_code" as "library_code",
    sum("rows"."num_of_renewals") as "Renewals"
from
(
    select "_"."library_code",
        "_"."num_of_renewals"
    from "public"."fulfillment" "_"
    where "_"."loan_status" = 'Returned'
) "rows"
group by "library_code"`,
    reference: `SELECT l.library_code, sum(l.renewals), {people:loans:l} AS __people FROM {loans} l WHERE l.loan_status = 'Returned' GROUP BY 1`,
  },
  {
    shape: 'Table.RowCount: count(1) as "$RowCount"',
    sql: `select count(1) as "$RowCount"
from
(
    select "_"."request_status"
    from "public"."resource_sharing" "_"
) "$Table"`,
    reference: `SELECT count(1), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r`,
  },
  {
    shape: 'Table.RowCount over an empty filter is 0',
    sql: `select count(1) as "$RowCount"
from
(
    select "_"."request_status"
    from "public"."resource_sharing" "_"
    where "_"."partner_code" = 'NOBODY'
) "$Table"`,
    reference: `SELECT count(1), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r WHERE r.partner_code = 'NOBODY'`,
  },
  {
    shape: 'Remove Duplicates: select distinct',
    sql: `select distinct "_"."campus_code"
from "public"."users" "_"`,
    reference: `SELECT u.campus_code, {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'Sort then Keep Top Rows over a grouped select',
    sql: `select "_"."job_title", "_"."Count"
from
(
    select "rows"."job_title" as "job_title", count(1) as "Count"
    from (select "_"."job_title" from "public"."users" "_") "rows"
    group by "job_title"
) "_"
order by "_"."Count" desc, "_"."job_title"
limit 5`,
    reference: `SELECT u.job_title, count(1) AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC, 1 LIMIT 5`,
    compare: ORDERED,
  },
  {
    shape: 'pivot table through Microsoft Query: Sum(...) with unquoted names',
    sql: `SELECT users.user_group, users.campus_code, Sum(users.count) AS "Sum of count"
FROM public.users users
GROUP BY users.user_group, users.campus_code`,
    reference: `SELECT u.user_group, u.campus_code, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1, 2`,
  },
  {
    shape: 'Date.Year added column, grouped',
    sql: `select "rows"."Year" as "Year", sum("rows"."num_of_loans") as "Loans"
from
(
    select date_part('year', "_"."loan_date") as "Year", "_"."num_of_loans"
    from "public"."fulfillment" "_"
) "rows"
group by "Year"`,
    reference: `SELECT date_part('year', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'filter on a timestamp literal cast with ::timestamp',
    sql: `select "rows"."fee_status" as "fee_status", sum("rows"."remaining_amount") as "Remaining"
from
(
    select "_"."fee_status", "_"."remaining_amount"
    from "public"."fines_and_fees" "_"
    where "_"."created_at" >= '2026-01-01 00:00:00'::timestamp
) "rows"
group by "fee_status"`,
    reference: `SELECT f.fee_status, sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.created_at >= TIMESTAMP '2026-01-01 00:00:00' GROUP BY 1`,
  },
  {
    shape: 'Text.Contains folded to LIKE',
    sql: `select count(1) as "$RowCount"
from
(
    select "_"."job_title"
    from "public"."users" "_"
    where "_"."job_title" like '%Lect%'
) "$Table"`,
    reference: `SELECT count(1), {people:users:u} AS __people FROM {users} u WHERE u.job_title LIKE '%Lect%'`,
  },
  {
    shape: 'Merge Queries: left outer join of two grouped selects on a key',
    sql: `select "$Outer"."campus_code", "$Outer"."Users", "$Inner"."Loans"
from
(
    select "rows"."campus_code" as "campus_code", sum("rows"."count") as "Users"
    from (select "_"."campus_code", "_"."count" from "public"."users" "_") "rows"
    group by "campus_code"
) "$Outer"
left outer join
(
    select "rows"."campus_code" as "campus_code", sum("rows"."num_of_loans") as "Loans"
    from (select "_"."campus_code", "_"."num_of_loans" from "public"."fulfillment" "_") "rows"
    group by "campus_code"
) "$Inner" on ("$Outer"."campus_code" = "$Inner"."campus_code")`,
    reference: `SELECT o.campus_code, o.n, i.n, least(o.p, coalesce(i.p, o.p)) AS __people
FROM (SELECT u.campus_code, count(*) AS n, {people:users:u} AS p FROM {users} u GROUP BY 1) o
LEFT JOIN (SELECT l.campus_code, count(*) AS n, {people:loans:l} AS p FROM {loans} l GROUP BY 1) i ON o.campus_code = i.campus_code`,
  },
  {
    shape: 'List.Min / List.Max: min and max of a date column',
    sql: `select min("_"."created_at") as "min", max("_"."created_at") as "max"
from "public"."fines_and_fees" "_"`,
    reference: `SELECT min(f.created_at), max(f.created_at), {people:fines_fees:f} AS __people FROM {fines_fees} f`,
    timeGranularity: 'second',
  },
  {
    shape: 'Group By with two aggregations: Sum and Count Distinct',
    sql: `select "rows"."user_group" as "user_group",
    sum("rows"."num_of_requests") as "Requests",
    count(distinct "rows"."partner_code") as "Partners"
from
(
    select "_"."user_group", "_"."num_of_requests", "_"."partner_code"
    from "public"."resource_sharing" "_"
) "rows"
group by "user_group"`,
    reference: `SELECT r.user_group, count(*), count(DISTINCT r.partner_code), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r GROUP BY 1`,
  },
]);
