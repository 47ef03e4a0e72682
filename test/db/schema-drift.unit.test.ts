import { describe, expect, it } from 'vitest';
import { wantedFieldColumns } from '../../src/db/field-columns';
import { compareFieldColumns, describeDrift, type ActualColumn } from '../../src/db/schema-drift';

const TYPE_NAMES = { text: 'text', date: 'date', timestamptz: 'timestamp with time zone', boolean: 'boolean' } as const;

/** The columns a database in step with today's field list and snapshot fields has. */
function inStep(): ActualColumn[] {
  const columns = wantedFieldColumns().flatMap(({ table, columns }) =>
    [...columns].map(([column, type]) => ({ table, column, dataType: TYPE_NAMES[type] })));
  const activityTables = wantedFieldColumns().filter(({ table }) => table !== 'alma.users').map(({ table }) => table);
  return [
    ...columns,
    { table: 'alma.users', column: 'record_key', dataType: 'double precision' },
    ...activityTables.flatMap((table) => [
      { table, column: 'id', dataType: 'bigint' },
      { table, column: 'user_id', dataType: 'text' },
      { table, column: 'anonymized_at', dataType: 'timestamp with time zone' },
    ]),
  ];
}

const drift = (columns: ActualColumn[]) => compareFieldColumns(columns).map(describeDrift);

describe('the drift check', () => {
  it('finds nothing when the columns are the field list and the snapshot fields', () => {
    expect(drift(inStep())).toEqual([]);
  });

  it('names a field the users table lacks', () => {
    const columns = inStep().filter((c) => !(c.table === 'alma.users' && c.column === 'cataloger_level'));
    expect(drift(columns)).toEqual(['alma.users.cataloger_level is missing (the field list has it, as text)']);
  });

  it('names a column whose type is not the field kind', () => {
    const columns = inStep().map((c) => (c.table === 'alma.users' && c.column === 'birth_date' ? { ...c, dataType: 'text' } : c));
    expect(drift(columns)).toEqual(['alma.users.birth_date is text, the field list wants date']);
  });

  it('names a users column that is no field, and a snapshot copy of a field no longer in activity_snapshot', () => {
    const columns = [
      ...inStep(),
      { table: 'alma.users', column: 'shoe_size', dataType: 'text' },
      { table: 'alma.loans', column: 'gender', dataType: 'text' },
      // Not named like a field: the activity table's own business.
      { table: 'alma.loans', column: 'library_code', dataType: 'text' },
    ];
    expect(drift(columns)).toEqual([
      'alma.users.shoe_size (text) is not in the field list (a column that is no User Details field belongs in USERS_COLUMNS_BEYOND_THE_FIELD_LIST, src/db/field-columns.ts)',
      'alma.loans.gender (text) is not in activity_snapshot',
    ]);
  });

  it('names a snapshot field an activity table lacks, and a table that is not there', () => {
    const columns = inStep().filter((c) => !(c.table === 'alma.fines_fees' && c.column === 'campus_code') && c.table !== 'alma.borrowing_requests');
    expect(drift(columns)).toEqual([
      'alma.fines_fees.campus_code is missing (activity_snapshot has it, as text)',
      'alma.borrowing_requests does not exist',
    ]);
  });
});
