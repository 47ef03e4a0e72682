import type { Knex } from 'knex';

// A migration is history: the user fields each activity row kept a copy of
// (model/privacy.yml `activity_snapshot`) when this migration shipped, written out
// so that a later change of the privacy config cannot change what it creates.
const SNAPSHOT_COLUMNS: readonly (readonly [name: string, type: 'text' | 'date' | 'timestamptz' | 'boolean'])[] = [
  ['primary_identifier', 'text'],
  ['full_name', 'text'],
  ['user_group_code', 'text'],
  ['user_group', 'text'],
  ['user_type', 'text'],
  ['user_record_type', 'text'],
  ['job_title', 'text'],
  ['campus_code', 'text'],
  ['statistical_category_1', 'text'],
  ['statistical_category_2', 'text'],
  ['statistical_category_3', 'text'],
  ['statistical_category_4', 'text'],
  ['statistical_category_5', 'text'],
  ['statistical_category_6', 'text'],
  ['statistical_category_7', 'text'],
  ['statistical_category_8', 'text'],
  ['statistical_category_9', 'text'],
  ['statistical_category_10', 'text'],
];

/**
 * Adds what every activity table has: a nullable link to the user (set null
 * when the user goes, or when anonymization cuts it), when it was anonymized,
 * and the snapshot of user fields above.
 */
function addUserLinkAndSnapshot(table: Knex.CreateTableBuilder, name: string): void {
  table.text('user_id').nullable().references('user_id').inTable('alma.users').onDelete('SET NULL')
    .withKeyName(`${name}_user_id_fkey`);
  table.timestamp('anonymized_at', { useTz: true }).nullable();
  for (const [name, type] of SNAPSHOT_COLUMNS) table.specificType(name, type);
  table.index(['user_id'], `${name}_user_id_idx`);
  table.index(['user_group_code'], `${name}_user_group_code_idx`);
  table.index(['campus_code'], `${name}_campus_code_idx`);
}

export async function up(knex: Knex): Promise<void> {
  const alma = () => knex.schema.withSchema('alma');
  await alma().createTable('loans', (table) => {
    table.bigInteger('id').primary();
    addUserLinkAndSnapshot(table, 'loans');
    table.timestamp('loan_date', { useTz: true }).notNullable();
    table.timestamp('due_date', { useTz: true }).notNullable();
    table.timestamp('return_date', { useTz: true }).nullable();
    table.text('loan_status').notNullable().checkIn(['Active', 'Returned', 'Lost'], 'loans_loan_status_check');
    table.text('library_code').notNullable();
    table.boolean('in_house').notNullable();
    table.integer('renewals').notNullable();
    table.check('renewals >= 0', [], 'loans_renewals_check');
    table.check('(return_date IS NULL) = (loan_status <> ?)', ['Returned'], 'loans_return_date_check');
    table.index(['loan_date'], 'loans_loan_date_idx');
    table.index(['due_date'], 'loans_due_date_idx');
    table.index(['loan_status'], 'loans_loan_status_idx');
  });
  await alma().createTable('fines_fees', (table) => {
    table.bigInteger('id').primary();
    addUserLinkAndSnapshot(table, 'fines_fees');
    table.text('fee_type').notNullable();
    table.text('fee_status').notNullable().checkIn(['Open', 'Closed'], 'fines_fees_fee_status_check');
    table.decimal('original_amount', 12, 2).notNullable();
    table.decimal('remaining_amount', 12, 2).notNullable();
    table.decimal('transaction_amount', 12, 2).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.bigInteger('loan_id').nullable().references('id').inTable('alma.loans').onDelete('SET NULL')
      .withKeyName('fines_fees_loan_id_fkey');
    table.check('original_amount = remaining_amount + transaction_amount', [], 'fines_fees_amounts_check');
    table.check("(closed_at IS NULL) = (fee_status = 'Open')", [], 'fines_fees_closed_at_check');
    table.index(['created_at'], 'fines_fees_created_at_idx');
    table.index(['fee_status'], 'fines_fees_fee_status_idx');
    table.index(['loan_id'], 'fines_fees_loan_id_idx');
  });
  await alma().createTable('borrowing_requests', (table) => {
    table.bigInteger('id').primary();
    addUserLinkAndSnapshot(table, 'borrowing_requests');
    table.text('request_status').notNullable()
      .checkIn(['Requested', 'Shipped', 'Received', 'Completed', 'Cancelled'], 'borrowing_requests_request_status_check');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.text('partner_code').notNullable();
    table.boolean('filled').notNullable();
    table.check("(completed_at IS NULL) = (request_status NOT IN ('Completed', 'Cancelled'))", [],
      'borrowing_requests_completed_at_check');
    table.index(['created_at'], 'borrowing_requests_created_at_idx');
    table.index(['request_status'], 'borrowing_requests_request_status_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['borrowing_requests', 'fines_fees', 'loans']) await knex.schema.withSchema('alma').dropTable(name);
}
