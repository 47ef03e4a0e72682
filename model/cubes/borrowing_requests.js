// Resource sharing borrowing requests of alma.borrowing_requests, with the user fields of the row's snapshot.
const { activityCube } = require('../src/model/activity-cube');
const { activityPeopleInRollups, disclosureMeasuresFor } = require('../src/disclosure/disclosure-measures');

cube('borrowing_requests', activityCube({
  sql_table: 'alma.borrowing_requests',
  title: 'Borrowing Requests',
  description: 'Resource sharing requests made for users to partner libraries, with the user fields as they were when the request was made.',
  activity: 'Request',

  pre_aggregations: {
    requests_filled: {
      measures: [CUBE.num_of_requests, CUBE.num_of_requests_filled, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.filled, CUBE.user_group, CUBE.campus_code],
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(created_at), max(completed_at) FROM alma.borrowing_requests` },
    },
    // By status and month as well (the people bitmaps merge, so coarser questions read it too).
    by_month: {
      measures: [CUBE.num_of_requests, CUBE.num_of_requests_filled, ...activityPeopleInRollups(CUBE)],
      dimensions: [CUBE.request_status, CUBE.filled, CUBE.user_group, CUBE.campus_code],
      time_dimension: CUBE.created_at,
      granularity: 'month',
      refresh_key: { every: '10 minute', sql: `SELECT count(*), count(user_id), max(created_at), max(completed_at) FROM alma.borrowing_requests` },
    },
  },

  measures: {
    num_of_requests: { type: 'count', title: 'Num of Requests', description: 'Borrowing requests made.' },
    num_of_requests_filled: {
      type: 'count', title: 'Num of Requests Filled', description: 'Requests a partner supplied.',
      filters: [{ sql: `${CUBE}.filled` }],
    },
    average_turnaround_days: {
      sql: `extract(epoch from (${CUBE}.completed_at - ${CUBE}.created_at)) / 86400`, type: 'avg', format: 'number',
      title: 'Average Turnaround Days', description: 'Average days from request to completion, over completed requests.',
      filters: [{ sql: `${CUBE}.request_status = 'Completed'` }],
    },
    ...disclosureMeasuresFor('resource_sharing'),
  },

  dimensions: {
    request_status: {
      sql: `${CUBE}.request_status`, type: 'string', title: 'Request Status',
      description: 'Requested, Shipped, Received, Completed or Cancelled.',
    },
    created_at: { sql: `${CUBE}.created_at`, type: 'time', title: 'Request Date', description: 'When the request was made.' },
    completed_at: {
      sql: `${CUBE}.completed_at`, type: 'time', title: 'Completion Date', description: 'When the request was completed or cancelled.',
    },
    partner_code: {
      sql: `${CUBE}.partner_code`, type: 'string', title: 'Partner Code', description: 'Resource sharing library asked to supply the item.',
    },
    filled: { sql: `${CUBE}.filled`, type: 'boolean', title: 'Filled', description: 'Whether a partner supplied the item.' },
  },
}));
