// Fulfillment: loans with the borrower's general fields taken from the loan's own
// snapshot, so reports by User Group are the same before and after anonymization.
const { privacyConfig } = require('../src/privacy/privacy-config');
const { withAccessPolicies } = require('../src/model/access-policy');
const { DISCLOSURE_MEMBERS } = require('../src/disclosure/disclosure-member-names');

const borrower = ['user_id', ...privacyConfig().activitySnapshot.map((field) => field.member)];
const details = ['loan_date', 'due_date', 'return_date', 'loan_status', 'library_code', 'in_house', 'renewals', 'is_anonymized', 'anonymized_at'];
const measures = [
  'num_of_loans', 'num_of_loans_in_house', 'num_of_loans_not_in_house', 'num_of_renewals',
  'num_of_overdue_loans', 'num_of_distinct_borrowers', 'average_loan_days',
];

view('fulfillment', withAccessPolicies({
  title: 'Fulfillment',
  description: 'Loans with the borrower as they were when the loan was made.',
  cubes: [{ join_path: loans, includes: [...details, ...borrower, ...measures, ...DISCLOSURE_MEMBERS] }],
  folders: [
    { name: 'Loan Details', includes: details },
    { name: 'Borrower Details', includes: borrower },
    { name: 'Loans', includes: measures },
  ],
}));
