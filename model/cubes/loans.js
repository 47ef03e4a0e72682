// Loans of alma.loans. The user fields come from the row's own snapshot, so they
// survive anonymization (which erases user_id and the identifying snapshot fields).
const { activityCube } = require('../src/model/activity-cube');
const { activityPeopleInRollups, disclosureMeasuresFor } = require('../src/disclosure/disclosure-measures');

cube('loans', activityCube({
  sql_table: 'alma.loans',
  title: 'Loans',
  description: 'Loans of items to users, with the user fields as they were when the loan was made.',
  activity: 'Loan',

  pre_aggregations: {
    // Short: see the rollups of user_details. count(user_id) in the refresh keys of the activity
    // cubes: each anonymization batch unlinks rows, which changes the people counts rollups hold.
    by_month_and_group: {
      measures: [CUBE.num_of_loans, CUBE.num_of_loans_in_house, CUBE.num_of_loans_not_in_house, CUBE.num_of_renewals, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.user_group, CUBE.campus_code],
      time_dimension: CUBE.loan_date,
      granularity: 'month',
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(loan_date), max(return_date) FROM alma.loans` },
    },
    // Loans per month over everyone. The one above could answer it too (the people bitmaps merge,
    // see activityPeopleInRollups), but from a twentieth of the rows.
    by_month: {
      measures: [CUBE.num_of_loans, CUBE.num_of_loans_in_house, CUBE.num_of_loans_not_in_house, CUBE.num_of_renewals, ...activityPeopleInRollups(CUBE)],
      time_dimension: CUBE.loan_date,
      granularity: 'month',
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(loan_date), max(return_date) FROM alma.loans` },
      indexes: { by_loan_month: { columns: [CUBE.loan_date.month] } },
    },
    // By status as well (the people bitmaps merge, so coarser questions read it too).
    by_month_and_status: {
      measures: [CUBE.num_of_loans, CUBE.num_of_loans_in_house, CUBE.num_of_loans_not_in_house, CUBE.num_of_renewals, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.loan_status, CUBE.user_group, CUBE.campus_code],
      time_dimension: CUBE.loan_date,
      granularity: 'month',
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(loan_date), max(return_date) FROM alma.loans` },
    },
  },

  measures: {
    num_of_loans: {
      type: 'count', title: 'Num of Loans (In House + Not In House)', description: 'Loans, in house and not in house.',
    },
    num_of_loans_in_house: {
      type: 'count', title: 'Num of Loans (In House)', description: 'Loans for use inside the library.',
      filters: [{ sql: `${CUBE}.in_house` }],
    },
    num_of_loans_not_in_house: {
      type: 'count', title: 'Num of Loans (Not In House)', description: 'Loans taken out of the library.',
      filters: [{ sql: `NOT ${CUBE}.in_house` }],
    },
    num_of_renewals: {
      sql: `${CUBE}.renewals`, type: 'sum', title: 'Num of Renewals', description: 'Renewals of the loans.',
    },
    num_of_overdue_loans: {
      type: 'count', title: 'Num of Overdue Loans', description: 'Active loans past their due date.',
      filters: [{ sql: `${CUBE}.loan_status = 'Active' AND ${CUBE}.due_date < now()` }],
    },
    num_of_distinct_borrowers: {
      sql: `${CUBE}.user_id`, type: 'count_distinct', title: 'Num of Distinct Borrowers',
      description: 'Different users among the loans; anonymized loans no longer say who borrowed, so they do not count here.',
    },
    average_loan_days: {
      sql: `extract(epoch from (${CUBE}.return_date - ${CUBE}.loan_date)) / 86400`, type: 'avg', format: 'number',
      title: 'Average Loan Days', description: 'Average days from loan to return, over returned loans.',
      filters: [{ sql: `${CUBE}.return_date IS NOT NULL` }],
    },
    ...disclosureMeasuresFor('fulfillment'),
  },

  dimensions: {
    loan_date: { sql: `${CUBE}.loan_date`, type: 'time', title: 'Loan Date', description: 'When the item was loaned.' },
    due_date: { sql: `${CUBE}.due_date`, type: 'time', title: 'Due Date', description: 'When the item is due back.' },
    return_date: {
      sql: `${CUBE}.return_date`, type: 'time', title: 'Return Date', description: 'When the item came back; empty while on loan.',
    },
    loan_status: {
      sql: `${CUBE}.loan_status`, type: 'string', title: 'Loan Status', description: 'Active, Returned or Lost.',
    },
    library_code: {
      sql: `${CUBE}.library_code`, type: 'string', title: 'Library Code', description: 'Code of the library that made the loan.',
    },
    in_house: {
      sql: `${CUBE}.in_house`, type: 'boolean', title: 'In House', description: 'Whether the item was used inside the library.',
    },
    renewals: { sql: `${CUBE}.renewals`, type: 'number', title: 'Renewals', description: 'Times the loan was renewed.' },
  },
}));
