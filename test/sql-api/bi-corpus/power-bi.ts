import { ORDERED, statementsOf, UNORDERED_APPROX } from './corpus-statement';

// Power BI (Npgsql, DirectQuery and Import): the table is always read through an inner select
// aliased "_" (or "$Table"), aggregated outside over "rows", named "a0", "a1"..., limited to
// 1000001 rows (the visual's cap plus one); slicers read dimension values through two levels of
// subquery with LIMIT 1001, relationships become null-safe outer joins of aggregated subqueries,
// and distinct counts add MAX(CASE WHEN ... IS NULL) to count a NULL group.
export const powerBi = statementsOf('Power BI', 'extended', [
  {
    shape: 'visual: SUM of a measure over the "_" inner select, limit 1000001',
    sql: `select "rows"."user_group" as "user_group",
    sum("rows"."count") as "a0"
from
(
    select "_"."user_group",
        "_"."count"
    from "public"."users" "_"
) "rows"
group by "user_group"
limit 1000001`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u GROUP BY 1`,
  },
  {
    shape: 'visual with two measures and two dimensions',
    sql: `select "rows"."library_code" as "library_code",
    "rows"."loan_status" as "loan_status",
    sum("rows"."num_of_loans") as "a0",
    sum("rows"."num_of_renewals") as "a1"
from
(
    select "_"."library_code",
        "_"."loan_status",
        "_"."num_of_loans",
        "_"."num_of_renewals"
    from "public"."fulfillment" "_"
) "rows"
group by "library_code",
    "loan_status"
limit 1000001`,
    reference: `SELECT l.library_code, l.loan_status, count(*), sum(l.renewals), {people:loans:l} AS __people FROM {loans} l GROUP BY 1, 2`,
  },
  {
    shape: 'visual filtered inside the inner select (= and IS NOT NULL)',
    sql: `select "rows"."job_title" as "job_title",
    sum("rows"."count") as "a0"
from
(
    select "_"."job_title",
        "_"."count"
    from "public"."users" "_"
    where "_"."campus_code" = 'MAIN' and "_"."campus_code" is not null
) "rows"
group by "job_title"
limit 1000001`,
    reference: `SELECT u.job_title, count(*), {people:users:u} AS __people FROM {users} u WHERE u.campus_code = 'MAIN' GROUP BY 1`,
  },
  {
    shape: 'card: whole-table SUM of a sum measure',
    sql: `select sum("rows"."remaining_amount") as "a0"
from
(
    select "_"."remaining_amount"
    from "public"."fines_and_fees" "_"
) "rows"`,
    reference: `SELECT sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f`,
  },
  {
    shape: 'distinct count with MAX(CASE WHEN ... IS NULL THEN 1 ELSE 0 END)',
    sql: `select "rows"."library_code" as "library_code",
    count(distinct("rows"."user_group")) + max(
        case
            when "rows"."user_group" is null then 1
            else 0
        end
    ) as "a0"
from
(
    select "_"."library_code",
        "_"."user_group"
    from "public"."fulfillment" "_"
) "rows"
group by "library_code"
limit 1000001`,
    reference: `SELECT l.library_code, count(DISTINCT l.user_group) + max(CASE WHEN l.user_group IS NULL THEN 1 ELSE 0 END), {people:loans:l} AS __people FROM {loans} l GROUP BY 1`,
  },
  {
    shape: 'slicer: dimension values through two subqueries, ordered, limit 1001',
    sql: `select "_"."campus_code"
from
(
    select "rows"."campus_code" as "campus_code"
    from
    (
        select "campus_code"
        from "public"."users" "$Table"
    ) "rows"
    group by "campus_code"
) "_"
order by "_"."campus_code"
limit 1001`,
    reference: `SELECT u.campus_code, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1 LIMIT 1001`,
    compare: ORDERED,
  },
  {
    shape: 'is-not-empty filter: not null and not \'\' or null',
    sql: `select sum("rows"."count") as "a0"
from
(
    select "_"."count"
    from "public"."users" "_"
    where (not "_"."statistical_category_2" is null and not "_"."statistical_category_2" = '' or not (not "_"."statistical_category_2" is null))
) "rows"`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u
WHERE (u.statistical_category_2 IS NOT NULL AND u.statistical_category_2 <> '') OR u.statistical_category_2 IS NULL`,
  },
  {
    shape: 'relative date filter on timestamp literals',
    sql: `select "rows"."fee_type" as "fee_type",
    sum("rows"."original_amount") as "a0"
from
(
    select "_"."fee_type",
        "_"."original_amount"
    from "public"."fines_and_fees" "_"
    where "_"."created_at" >= timestamp '2026-01-01 00:00:00' and "_"."created_at" < timestamp '2026-07-01 00:00:00'
) "rows"
group by "fee_type"
limit 1000001`,
    reference: `SELECT f.fee_type, sum(f.original_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.created_at >= TIMESTAMP '2026-01-01 00:00:00' AND f.created_at < TIMESTAMP '2026-07-01 00:00:00' GROUP BY 1`,
  },
  {
    shape: 'Top N visual: ordered by the measure, limit 3',
    sql: `select "rows"."job_title" as "job_title",
    sum("rows"."count") as "a0"
from
(
    select "_"."job_title",
        "_"."count"
    from "public"."users" "_"
) "rows"
group by "job_title"
order by "a0" desc, "job_title"
limit 3`,
    reference: `SELECT u.job_title, count(*) AS a0, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY a0 DESC, 1 LIMIT 3`,
    compare: ORDERED,
  },
  {
    shape: 'date slicer bounds: MIN and MAX of a time dimension',
    timeGranularity: 'second',
    sql: `select min("rows"."created_at") as "min",
    max("rows"."created_at") as "max"
from
(
    select "created_at"
    from "public"."resource_sharing" "$Table"
) "rows"`,
    reference: `SELECT min(r.created_at), max(r.created_at), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r`,
  },
  {
    shape: 'relationship: null-safe left outer join of two aggregated selects',
    sql: `select "$Outer"."user_group",
    "$Outer"."a0",
    "$Inner"."a1"
from
(
    select "rows"."user_group" as "user_group",
        sum("rows"."count") as "a0"
    from
    (
        select "_"."user_group",
            "_"."count"
        from "public"."users" "_"
    ) "rows"
    group by "user_group"
) "$Outer"
left outer join
(
    select "rows"."user_group" as "user_group",
        sum("rows"."num_of_loans") as "a1"
    from
    (
        select "_"."user_group",
            "_"."num_of_loans"
        from "public"."fulfillment" "_"
    ) "rows"
    group by "user_group"
) "$Inner" on ("$Outer"."user_group" = "$Inner"."user_group" or "$Outer"."user_group" is null and "$Inner"."user_group" is null)
limit 1000001`,
    reference: `SELECT o.user_group, o.a0, i.a1, least(o.p, coalesce(i.p, o.p)) AS __people
FROM (SELECT u.user_group, count(*) AS a0, {people:users:u} AS p FROM {users} u GROUP BY 1) o
LEFT JOIN (SELECT l.user_group, count(*) AS a1, {people:loans:l} AS p FROM {loans} l GROUP BY 1) i ON o.user_group IS NOT DISTINCT FROM i.user_group`,
  },
  {
    shape: 'Import: three columns of every row, limit 1000001',
    sql: `select "$Table"."request_status" as "request_status",
    "$Table"."partner_code" as "partner_code",
    "$Table"."filled" as "filled"
from "public"."resource_sharing" "$Table"
limit 1000001`,
    reference: `SELECT r.request_status, r.partner_code, r.filled FROM {borrowing_requests} r`,
    perRecord: true,
  },
  {
    shape: 'count of rows over an empty selection is 0',
    sql: `select count(*) as "a0"
from
(
    select "_"."user_group"
    from "public"."users" "_"
    where "_"."user_group" = 'Nobody'
) "rows"`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE u.user_group = 'Nobody'`,
  },
  {
    shape: 'IN list of a slicer with several values',
    sql: `select "rows"."partner_code" as "partner_code",
    sum("rows"."num_of_requests_filled") as "a0"
from
(
    select "_"."partner_code",
        "_"."num_of_requests_filled"
    from "public"."resource_sharing" "_"
    where "_"."partner_code" in ('BLDSC', 'RAPID', 'WEST_UL')
) "rows"
group by "partner_code"
limit 1000001`,
    reference: `SELECT r.partner_code, count(*) FILTER (WHERE r.filled), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r
WHERE r.partner_code IN ('BLDSC', 'RAPID', 'WEST_UL') GROUP BY 1`,
  },
  {
    shape: 'date hierarchy: year and month by date_part',
    sql: `select "rows"."y" as "y", "rows"."m" as "m", sum("rows"."num_of_loans") as "a0"
from
(
    select date_part('year', "_"."loan_date") as "y",
        date_part('month', "_"."loan_date") as "m",
        "_"."num_of_loans"
    from "public"."fulfillment" "_"
) "rows"
group by "y", "m"
limit 1000001`,
    reference: `SELECT date_part('year', l.loan_date), date_part('month', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1, 2`,
  },
  {
    shape: 'average measure over the inner select',
    sql: `select "rows"."partner_code" as "partner_code",
    avg("rows"."average_turnaround_days") as "a0"
from
(
    select "_"."partner_code",
        "_"."average_turnaround_days"
    from "public"."resource_sharing" "_"
) "rows"
group by "partner_code"
limit 1000001`,
    reference: `SELECT r.partner_code, avg(extract(epoch FROM (r.completed_at - r.created_at)) / 86400) FILTER (WHERE r.request_status = 'Completed'), {people:borrowing_requests:r} AS __people
FROM {borrowing_requests} r GROUP BY 1`,
    compare: UNORDERED_APPROX,
  },
]);
