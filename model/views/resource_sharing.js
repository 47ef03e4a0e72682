// Resource Sharing: borrowing requests with the requester's general fields from the request's own snapshot.
const { privacyConfig } = require('../src/privacy/privacy-config');
const { withAccessPolicies } = require('../src/model/access-policy');
const { DISCLOSURE_MEMBERS } = require('../src/disclosure/disclosure-member-names');

const requester = ['user_id', ...privacyConfig().activitySnapshot.map((field) => field.member)];
const details = ['request_status', 'created_at', 'completed_at', 'partner_code', 'filled', 'is_anonymized', 'anonymized_at'];
const measures = ['num_of_requests', 'num_of_requests_filled', 'average_turnaround_days'];

view('resource_sharing', withAccessPolicies({
  title: 'Resource Sharing',
  description: 'Resource sharing borrowing requests with the requester as they were when the request was made.',
  cubes: [{ join_path: borrowing_requests, includes: [...details, ...requester, ...measures, ...DISCLOSURE_MEMBERS] }],
  folders: [
    { name: 'Borrowing Request Details', includes: details },
    { name: 'Requester Details', includes: requester },
    { name: 'Borrowing Requests', includes: measures },
  ],
}));
