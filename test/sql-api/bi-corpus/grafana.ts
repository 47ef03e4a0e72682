import { ORDERED, statementsOf } from './corpus-statement';

// Grafana (its PostgreSQL data source): macros expanded before the SQL is sent — $__timeFilter as
// BETWEEN two ISO-8601 literals ending in Z, $__timeGroup as floor(extract(epoch ...)/n)*n,
// $__unixEpochFilter as to_timestamp(...) bounds — "time" and "metric" columns ordered by time,
// template variables as = ANY(ARRAY[...]) or IN lists, and now() - interval for relative ranges.
export const grafana = statementsOf('Grafana', 'simple', [
  {
    shape: 'time series: date_trunc(day) AS "time" within $__timeFilter (ISO literals ending in Z)',
    sql: `SELECT
  date_trunc('day', loan_date) AS "time",
  sum(num_of_loans) AS "loans"
FROM fulfillment
WHERE loan_date BETWEEN '2026-09-01T00:00:00Z' AND '2026-11-30T23:59:59Z'
GROUP BY 1
ORDER BY 1`,
    reference: `SELECT date_trunc('day', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date BETWEEN '2026-09-01T00:00:00Z' AND '2026-11-30T23:59:59Z' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: '$__timeGroup(col, 1d): floor(extract(epoch)/86400)*86400',
    sql: `SELECT
  floor(extract(epoch from created_at)/86400)*86400 AS "time",
  sum(num_of_fines_fees) AS "fees"
FROM fines_and_fees
WHERE created_at BETWEEN '2026-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z'
GROUP BY 1
ORDER BY 1`,
    reference: `SELECT floor(extract(epoch FROM f.created_at) / 86400) * 86400, count(*), {people:fines_fees:f} AS __people FROM {fines_fees} f
WHERE f.created_at BETWEEN '2026-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'series per metric: "time", "metric" and a value, ordered by both',
    sql: `SELECT
  date_trunc('month', loan_date) AS "time",
  library_code AS metric,
  sum(num_of_loans) AS value
FROM fulfillment
WHERE loan_date BETWEEN '2025-12-01T00:00:00.000Z' AND '2026-11-30T23:59:59.999Z'
GROUP BY 1, 2
ORDER BY 1, 2`,
    reference: `SELECT date_trunc('month', l.loan_date), l.library_code, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date BETWEEN '2025-12-01T00:00:00.000Z' AND '2026-11-30T23:59:59.999Z' GROUP BY 1, 2 ORDER BY 1, 2`,
    compare: ORDERED,
  },
  {
    shape: '$__unixEpochFilter: to_timestamp(epoch) bounds',
    sql: `SELECT count(*) AS "requests"
FROM resource_sharing
WHERE created_at >= to_timestamp(1735689600) AND created_at < to_timestamp(1767225600)`,
    reference: `SELECT count(*), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r
WHERE r.created_at >= to_timestamp(1735689600) AND r.created_at < to_timestamp(1767225600)`,
  },
  {
    shape: 'variable query: distinct values ordered',
    sql: `SELECT DISTINCT library_code FROM fulfillment ORDER BY 1`,
    reference: `SELECT l.library_code, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'multi-value variable: = ANY(ARRAY[...])',
    sql: `SELECT loan_status, sum(num_of_loans) AS loans
FROM fulfillment
WHERE library_code = ANY(ARRAY['MAIN', 'LAW'])
GROUP BY loan_status
ORDER BY loan_status`,
    reference: `SELECT l.loan_status, count(*), {people:loans:l} AS __people FROM {loans} l WHERE l.library_code = ANY(ARRAY['MAIN', 'LAW']) GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'multi-value variable: IN list of quoted values',
    sql: `SELECT fee_type, sum(remaining_amount) AS remaining
FROM fines_and_fees
WHERE user_group IN ('Undergraduate','Graduate')
GROUP BY fee_type`,
    reference: `SELECT f.fee_type, sum(f.remaining_amount), {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE f.user_group IN ('Undergraduate', 'Graduate') GROUP BY 1`,
  },
  {
    shape: 'stat panel: count over $__timeFilter',
    sql: `SELECT count(*) FROM fulfillment WHERE loan_date BETWEEN '2026-11-01T00:00:00Z' AND '2026-11-30T23:59:59Z'`,
    reference: `SELECT count(*), {people:loans:l} AS __people FROM {loans} l WHERE l.loan_date BETWEEN '2026-11-01T00:00:00Z' AND '2026-11-30T23:59:59Z'`,
  },
  {
    shape: 'relative range: now() - interval \'90 days\'',
    sql: `SELECT user_group, sum(num_of_loans) AS loans
FROM fulfillment
WHERE loan_date > now() - interval '90 days'
GROUP BY user_group`,
    reference: `SELECT l.user_group, count(*), {people:loans:l} AS __people FROM {loans} l WHERE l.loan_date > now() - interval '90 days' GROUP BY 1`,
  },
  {
    shape: 'time zone: date_trunc over AT TIME ZONE',
    sql: `SELECT date_trunc('month', loan_date AT TIME ZONE 'Europe/Berlin') AS "time", sum(num_of_loans) AS loans
FROM fulfillment
GROUP BY 1
ORDER BY 1`,
    reference: `SELECT date_trunc('month', (l.loan_date AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin'), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'heatmap bucket: date_part(\'dow\') grouped',
    sql: `SELECT date_part('dow', loan_date) AS dow, sum(num_of_loans) AS loans FROM fulfillment GROUP BY 1 ORDER BY 1`,
    reference: `SELECT date_part('dow', l.loan_date), count(*), {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'table panel: several measures by a dimension',
    sql: `SELECT partner_code, sum(num_of_requests) AS requests, sum(num_of_requests_filled) AS filled
FROM resource_sharing
WHERE created_at BETWEEN '2025-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z'
GROUP BY partner_code
ORDER BY partner_code`,
    reference: `SELECT r.partner_code, count(*), count(*) FILTER (WHERE r.filled), {people:borrowing_requests:r} AS __people FROM {borrowing_requests} r
WHERE r.created_at BETWEEN '2025-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'annotations: raw time and text of each row in the range',
    sql: `SELECT created_at AS "time", fee_type AS text FROM fines_and_fees WHERE created_at BETWEEN '2026-11-01T00:00:00Z' AND '2026-11-30T23:59:59Z' ORDER BY 1`,
    reference: `SELECT f.created_at, f.fee_type FROM {fines_fees} f WHERE f.created_at BETWEEN '2026-11-01T00:00:00Z' AND '2026-11-30T23:59:59Z' ORDER BY 1`,
    perRecord: true,
  },
  {
    shape: 'weekly buckets: $__timeGroup(col, 1w)',
    sql: `SELECT floor(extract(epoch from loan_date)/604800)*604800 AS "time", count(*) AS loans
FROM fulfillment
WHERE loan_date BETWEEN '2026-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z'
GROUP BY 1
ORDER BY 1`,
    reference: `SELECT floor(extract(epoch FROM l.loan_date) / 604800) * 604800, count(*), {people:loans:l} AS __people FROM {loans} l
WHERE l.loan_date BETWEEN '2026-01-01T00:00:00Z' AND '2026-11-30T23:59:59Z' GROUP BY 1 ORDER BY 1`,
    compare: ORDERED,
  },
  {
    shape: 'bar gauge: MEASURE() by a dimension, NULLS LAST',
    sql: `SELECT campus_code, MEASURE(active_users) AS active FROM users GROUP BY 1 ORDER BY 2 DESC NULLS LAST`,
    reference: `SELECT u.campus_code, count(*) FILTER (WHERE u.status = 'Active') AS n, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY n DESC NULLS LAST`,
    compare: ORDERED,
  },
]);
