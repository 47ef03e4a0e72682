import type { ActivityType } from '../privacy/privacy-config';

/** When a row of an activity type is complete, and the column that says since when. */
export interface CompletedActivity {
  readonly table: string;
  /** SQL condition true for completed rows only: open activity never matches it. */
  readonly completed: string;
  /** timestamptz column of the completion. */
  readonly completedAt: string;
}

/** Alma anonymizes returned loans, closed fines and fees, and finished borrowing requests. */
export const COMPLETED_ACTIVITY: Readonly<Record<ActivityType, CompletedActivity>> = {
  loans: { table: 'alma.loans', completed: "loan_status = 'Returned'", completedAt: 'return_date' },
  fines_fees: { table: 'alma.fines_fees', completed: "fee_status = 'Closed'", completedAt: 'closed_at' },
  borrowing_requests: {
    table: 'alma.borrowing_requests',
    completed: "request_status IN ('Completed', 'Cancelled')",
    completedAt: 'completed_at',
  },
};
