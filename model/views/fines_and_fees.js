// Fines and Fees, with the user's general fields taken from the fee's own snapshot.
const { privacyConfig } = require('../src/privacy/privacy-config');
const { withAccessPolicies } = require('../src/model/access-policy');
const { DISCLOSURE_MEMBERS } = require('../src/disclosure/disclosure-member-names');

const user = ['user_id', ...privacyConfig().activitySnapshot.map((field) => field.member)];
const details = ['fee_type', 'fee_status', 'created_at', 'closed_at', 'is_anonymized', 'anonymized_at'];
const measures = ['num_of_fines_fees', 'original_amount', 'remaining_amount', 'transaction_amount', 'open_balance'];

view('fines_and_fees', withAccessPolicies({
  title: 'Fines and Fees',
  description: 'Fines and fees with the user as they were when the fee was charged.',
  cubes: [{ join_path: fines_fees, includes: [...details, ...user, ...measures, ...DISCLOSURE_MEMBERS] }],
  folders: [
    { name: 'Fine and Fee Details', includes: details },
    { name: 'User Details', includes: user },
    { name: 'Fines and Fees', includes: measures },
  ],
}));
