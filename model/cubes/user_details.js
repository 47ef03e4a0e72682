// User Details: one row per user of alma.users. Dimensions come from the field list
// (model/user-details-fields.tsv) and access policies from model/privacy.yml; paths in
// require() are relative to the model/ folder, as Cube resolves them.
const { userDetailsDimensions } = require('../src/model/user-details-dimensions');
const { averageAgeMeasures } = require('../src/model/average-age-measure');
const { withAccessPolicies } = require('../src/model/access-policy');
const { preAggregationStorage } = require('../src/model/pre-aggregation-storage');
const { disclosureMeasuresFor } = require('../src/disclosure/disclosure-measures');

cube('user_details', withAccessPolicies({
  sql_table: 'alma.users',
  title: 'User Details',
  description: 'Every user of the institution with the User Details fields Alma Analytics documents.',
  public: false,

  pre_aggregations: {
    // Rollup names stay short: Cube adds the cube's name and a 26-byte version to make the
    // table's, and PostgreSQL cuts names at 63 bytes (a cut one loses its build time).
    by_group_status: {
      measures: [CUBE.count, CUBE.disclosure_people, CUBE.disclosure_key_sum, CUBE.active_users, CUBE.inactive_users, CUBE.blocked_users, CUBE.expired_users,
        CUBE.users_expiring_in_30_days, CUBE.users_expiring_in_60_days, CUBE.users_expiring_in_90_days],
      dimensions: [CUBE.user_group, CUBE.status, CUBE.campus_code],
      ...preAggregationStorage(),
      refresh_key: { every: '10 minute', sql: `SELECT count(*), max(modification_date), current_date FROM alma.users` },
      indexes: { by_campus_and_group: { columns: [CUBE.campus_code, CUBE.user_group] } },
    },
    registrations_by_month: {
      measures: [CUBE.new_registrations, CUBE.disclosure_people, CUBE.disclosure_key_sum],
      dimensions: [CUBE.user_group, CUBE.campus_code],
      time_dimension: CUBE.status_date,
      granularity: 'month',
      ...preAggregationStorage(),
      refresh_key: { every: '10 minute', sql: `SELECT count(*), max(modification_date) FROM alma.users` },
      indexes: { by_campus_and_group: { columns: [CUBE.campus_code, CUBE.user_group] } },
    },
  },

  measures: {
    count: { type: 'count', title: 'Number of Users', description: 'Users in the selection.' },
    number_of_users_public: {
      type: 'count', title: 'Number of Users (Public)', description: 'Users whose record type is Public (patrons).',
      filters: [{ sql: `${CUBE}.user_record_type = 'Public'` }],
    },
    number_of_users_staff: {
      type: 'count', title: 'Number of Users (Staff)', description: 'Users whose record type is Staff.',
      filters: [{ sql: `${CUBE}.user_record_type = 'Staff'` }],
    },
    number_of_users_contact: {
      type: 'count', title: 'Number of Users (Contact)',
      description: 'Users whose record type is Contact (people the library corresponds with, not patrons). Zero while only Public and Staff records are loaded.',
      filters: [{ sql: `${CUBE}.user_record_type = 'Contact'` }],
    },
    active_users: {
      type: 'count', title: 'Number of Active Users', description: 'Users whose status is Active.',
      filters: [{ sql: `${CUBE}.status = 'Active'` }],
    },
    inactive_users: {
      type: 'count', title: 'Number of Inactive Users', description: 'Users whose status is Inactive.',
      filters: [{ sql: `${CUBE}.status = 'Inactive'` }],
    },
    blocked_users: {
      type: 'count', title: 'Number of Blocked Users', description: 'Users with a block on their record.',
      filters: [{ sql: `${CUBE}.is_blocked` }],
    },
    expired_users: {
      type: 'count', title: 'Number of Expired Users', description: 'Users whose expiry date has passed.',
      filters: [{ sql: `${CUBE}.expiry_date < current_date` }],
    },
    users_expiring_in_30_days: {
      type: 'count', title: 'Number of Users Expiring in the Next 30 Days',
      description: 'Users whose expiry date is today or within the next 30 days.',
      filters: [{ sql: `${CUBE}.expiry_date BETWEEN current_date AND current_date + 30` }],
    },
    users_expiring_in_60_days: {
      type: 'count', title: 'Number of Users Expiring in the Next 60 Days',
      description: 'Users whose expiry date is today or within the next 60 days.',
      filters: [{ sql: `${CUBE}.expiry_date BETWEEN current_date AND current_date + 60` }],
    },
    users_expiring_in_90_days: {
      type: 'count', title: 'Number of Users Expiring in the Next 90 Days',
      description: 'Users whose expiry date is today or within the next 90 days.',
      filters: [{ sql: `${CUBE}.expiry_date BETWEEN current_date AND current_date + 90` }],
    },
    users_linked_from_other_institution: {
      type: 'count', title: 'Number of Users Linked From Another Institution',
      description: 'Users whose record is linked from another institution.',
      filters: [{ sql: `${CUBE}.linked_from_other_institution` }],
    },
    users_linked_to_other_institution: {
      type: 'count', title: 'Number of Users Linked To Another Institution',
      description: 'Users who used services of another institution.',
      filters: [{ sql: `${CUBE}.linked_to_other_institution` }],
    },
    users_with_role_other_than_patron: {
      type: 'count', title: 'Number of Users With a Role Other Than Patron',
      description: 'Users who hold a role beyond Patron (staff roles, for example).',
      filters: [{ sql: `${CUBE}.has_role_other_than_patron` }],
    },
    new_registrations: {
      type: 'count', title: 'Number of New Registrations',
      description: 'Users registered in the institution; by month with Status Date as the time dimension.',
      filters: [{ sql: `${CUBE}.status_date IS NOT NULL` }],
    },
    ...averageAgeMeasures(),
    ...disclosureMeasuresFor('users'),
  },

  dimensions: userDetailsDimensions(),

  segments: {
    active: { sql: `${CUBE}.status = 'Active'`, title: 'Active Users', description: 'Users whose status is Active.' },
    blocked: { sql: `${CUBE}.is_blocked`, title: 'Blocked Users', description: 'Users with a block on their record.' },
    expiring_within_30_days: {
      sql: `${CUBE}.expiry_date BETWEEN current_date AND current_date + 30`,
      title: 'Users Expiring Within 30 Days', description: 'Users whose expiry date is within the next 30 days.',
    },
    under_25: {
      sql: `${CUBE}.birth_date > current_date - interval '25 years'`,
      title: 'Users Under 25', description: 'Users younger than 25 by birth date; follows the treatment of Birth Date (a segment cannot be masked, so it is hidden where Birth Date is masked).',
    },
  },
}));
