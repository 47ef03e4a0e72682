// Fines and fees of alma.fines_fees, with the user fields of the row's snapshot.
const { activityCube } = require('../src/model/activity-cube');
const { activityPeopleInRollups, disclosureMeasuresFor } = require('../src/disclosure/disclosure-measures');

cube('fines_fees', activityCube({
  sql_table: 'alma.fines_fees',
  title: 'Fines and Fees',
  description: 'Fines and fees charged to users, with the user fields as they were when the fee was created.',
  activity: 'Fine/Fee',

  pre_aggregations: {
    balance_by_group: {
      measures: [CUBE.open_balance, CUBE.original_amount, CUBE.remaining_amount, CUBE.transaction_amount, CUBE.num_of_fines_fees, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.user_group, CUBE.campus_code, CUBE.fee_status],
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(created_at), max(closed_at), sum(remaining_amount) FROM alma.fines_fees` },
    },
    // By type and month as well: every measure and the people bitmaps merge, so this one answers
    // any question by these fields and coarser months (quarters, years, none).
    by_month: {
      measures: [CUBE.open_balance, CUBE.original_amount, CUBE.remaining_amount, CUBE.transaction_amount, CUBE.num_of_fines_fees, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.user_group, CUBE.campus_code, CUBE.fee_status, CUBE.fee_type],
      time_dimension: CUBE.created_at,
      granularity: 'month',
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(created_at), max(closed_at), sum(remaining_amount) FROM alma.fines_fees` },
    },
  },

  measures: {
    num_of_fines_fees: { type: 'count', title: 'Num of Fines/Fees', description: 'Fines and fees charged.' },
    original_amount: {
      sql: `${CUBE}.original_amount`, type: 'sum', format: 'currency', title: 'Original Amount', description: 'Amount first charged.',
    },
    remaining_amount: {
      sql: `${CUBE}.remaining_amount`, type: 'sum', format: 'currency', title: 'Remaining Amount', description: 'Amount still owed.',
    },
    transaction_amount: {
      sql: `${CUBE}.transaction_amount`, type: 'sum', format: 'currency', title: 'Transaction Amount',
      description: 'Amount paid or waived so far.',
    },
    open_balance: {
      sql: `${CUBE}.remaining_amount`, type: 'sum', format: 'currency', title: 'Open Balance',
      description: 'Amount still owed on open fines and fees.',
      filters: [{ sql: `${CUBE}.fee_status = 'Open'` }],
    },
    ...disclosureMeasuresFor('fines_and_fees'),
  },

  dimensions: {
    fee_type: { sql: `${CUBE}.fee_type`, type: 'string', title: 'Fine Fee Type', description: 'Kind of fine or fee (overdue, lost item...).' },
    fee_status: { sql: `${CUBE}.fee_status`, type: 'string', title: 'Fine Fee Status', description: 'Open or Closed.' },
    created_at: { sql: `${CUBE}.created_at`, type: 'time', title: 'Fine Fee Creation Date', description: 'When the fee was charged.' },
    closed_at: {
      sql: `${CUBE}.closed_at`, type: 'time', title: 'Fine Fee Closing Date', description: 'When the fee was paid off or waived; empty while open.',
    },
  },
}));
