// Users: User Details as BI tools and dashboards see it. Members are listed, not
// included with '*', so a member added to the cube is exposed only when added here.
const { userDetailsFields } = require('../src/user-details/user-details-fields');
const { withAccessPolicies } = require('../src/model/access-policy');
const { DISCLOSURE_MEMBERS } = require('../src/disclosure/disclosure-member-names');

const fields = userDetailsFields().map((field) => field.member);
const statisticalCategories = fields.filter((member) => member.startsWith('statistical_category_'));
const measures = [
  'count', 'number_of_users_public', 'number_of_users_staff', 'number_of_users_contact',
  'active_users', 'inactive_users', 'blocked_users', 'expired_users',
  'users_expiring_in_30_days', 'users_expiring_in_60_days', 'users_expiring_in_90_days',
  'users_linked_from_other_institution', 'users_linked_to_other_institution', 'users_with_role_other_than_patron',
  'new_registrations', 'average_age',
];
const segments = ['active', 'blocked', 'expiring_within_30_days', 'under_25'];

view('users', withAccessPolicies({
  title: 'Users',
  description: 'Users with every User Details field and the user counts Alma Analytics reports.',
  cubes: [{ join_path: user_details, includes: [...fields, ...measures, ...segments, ...DISCLOSURE_MEMBERS] }],
  folders: [
    { name: 'User Details', includes: fields.filter((member) => !statisticalCategories.includes(member)) },
    { name: 'User Statistical Categories', includes: statisticalCategories },
    { name: 'Users', includes: measures },
  ],
}));
