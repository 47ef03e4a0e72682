/** One benchmark question, asked the same way over both APIs. */
export interface BenchmarkQuestion {
  sql: string;
  rest: Record<string, unknown>;
}

const q = (sql: string, rest: Record<string, unknown>): BenchmarkQuestion => ({ sql, rest });
const month = (dimension: string) => ({ dimension, granularity: 'month' });

/** Twenty questions BI dashboards ask of the four views, as SQL and as Cube REST queries. */
export const SQL_API_QUESTIONS: BenchmarkQuestion[] = [
  q('SELECT COUNT(*) FROM users', { measures: ['users.count'] }),
  q('SELECT user_group, COUNT(*) FROM users GROUP BY 1', { measures: ['users.count'], dimensions: ['users.user_group'] }),
  q('SELECT campus_code, COUNT(*) FROM users GROUP BY 1', { measures: ['users.count'], dimensions: ['users.campus_code'] }),
  q('SELECT status, user_type, COUNT(*) FROM users GROUP BY 1, 2', { measures: ['users.count'], dimensions: ['users.status', 'users.user_type'] }),
  q("SELECT date_trunc('month', creation_date), COUNT(*) FROM users GROUP BY 1", { measures: ['users.count'], timeDimensions: [month('users.creation_date')] }),
  q("SELECT date_trunc('year', creation_date), MEASURE(new_registrations) FROM users GROUP BY 1", { measures: ['users.new_registrations'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'year' }] }),
  q("SELECT user_group, COUNT(*) FROM users WHERE status = 'Active' GROUP BY 1", { measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.status', operator: 'equals', values: ['Active'] }] }),
  q('SELECT user_group, MEASURE(active_users), MEASURE(expired_users) FROM users GROUP BY 1', { measures: ['users.active_users', 'users.expired_users'], dimensions: ['users.user_group'] }),
  q('SELECT job_title, MEASURE(average_age) FROM users GROUP BY 1 ORDER BY 2 DESC LIMIT 10', { measures: ['users.average_age'], dimensions: ['users.job_title'], order: [['users.average_age', 'desc']], limit: 10 }),
  q("SELECT campus_code, COUNT(*) FROM users WHERE creation_date >= '2024-01-01' GROUP BY 1", { measures: ['users.count'], dimensions: ['users.campus_code'], filters: [{ member: 'users.creation_date', operator: 'afterOrOnDate', values: ['2024-01-01T00:00:00.000'] }] }),
  q('SELECT loan_status, MEASURE(num_of_loans) FROM fulfillment GROUP BY 1', { measures: ['fulfillment.num_of_loans'], dimensions: ['fulfillment.loan_status'] }),
  q("SELECT date_trunc('month', loan_date), MEASURE(num_of_loans) FROM fulfillment GROUP BY 1", { measures: ['fulfillment.num_of_loans'], timeDimensions: [month('fulfillment.loan_date')] }),
  q('SELECT library_code, MEASURE(num_of_renewals), MEASURE(average_loan_days) FROM fulfillment GROUP BY 1', { measures: ['fulfillment.num_of_renewals', 'fulfillment.average_loan_days'], dimensions: ['fulfillment.library_code'] }),
  q('SELECT user_group, MEASURE(num_of_distinct_borrowers) FROM fulfillment GROUP BY 1', { measures: ['fulfillment.num_of_distinct_borrowers'], dimensions: ['fulfillment.user_group'] }),
  q('SELECT fee_type, MEASURE(num_of_fines_fees), MEASURE(original_amount) FROM fines_and_fees GROUP BY 1', { measures: ['fines_and_fees.num_of_fines_fees', 'fines_and_fees.original_amount'], dimensions: ['fines_and_fees.fee_type'] }),
  q("SELECT fee_status, MEASURE(remaining_amount) FROM fines_and_fees WHERE fee_status = 'Open' GROUP BY 1", { measures: ['fines_and_fees.remaining_amount'], dimensions: ['fines_and_fees.fee_status'], filters: [{ member: 'fines_and_fees.fee_status', operator: 'equals', values: ['Open'] }] }),
  q("SELECT date_trunc('quarter', created_at), MEASURE(transaction_amount) FROM fines_and_fees GROUP BY 1", { measures: ['fines_and_fees.transaction_amount'], timeDimensions: [{ dimension: 'fines_and_fees.created_at', granularity: 'quarter' }] }),
  q('SELECT request_status, MEASURE(num_of_requests) FROM resource_sharing GROUP BY 1', { measures: ['resource_sharing.num_of_requests'], dimensions: ['resource_sharing.request_status'] }),
  q('SELECT partner_code, MEASURE(num_of_requests_filled), MEASURE(average_turnaround_days) FROM resource_sharing GROUP BY 1', { measures: ['resource_sharing.num_of_requests_filled', 'resource_sharing.average_turnaround_days'], dimensions: ['resource_sharing.partner_code'] }),
  q("SELECT user_group, MEASURE(num_of_requests) FROM resource_sharing WHERE created_at BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1", { measures: ['resource_sharing.num_of_requests'], dimensions: ['resource_sharing.user_group'], filters: [{ member: 'resource_sharing.created_at', operator: 'inDateRange', values: ['2025-01-01T00:00:00.000', '2025-12-31T00:00:00.000'] }] }),
];
