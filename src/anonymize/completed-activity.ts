import type { ActivityType } from '../privacy/privacy-config';

/** When a row of an activity type is complete, since when, and which of its columns are moments. */
export interface CompletedActivity {
  readonly table: string;
  /** SQL condition true for completed rows only: open activity never matches it. */
  readonly completed: string;
  /** timestamptz column of the completion. */
  readonly completedAt: string;
  /** Every timestamptz column of the row's own: anonymization coarsens them all. */
  readonly timestamps: readonly string[];
}

/** Alma anonymizes returned loans, closed fines and fees, and finished borrowing requests. */
export const COMPLETED_ACTIVITY: Readonly<Record<ActivityType, CompletedActivity>> = {
  loans: {
    table: 'alma.loans',
    completed: "loan_status = 'Returned'",
    completedAt: 'return_date',
    timestamps: ['loan_date', 'due_date', 'return_date'],
  },
  fines_fees: {
    table: 'alma.fines_fees',
    completed: "fee_status = 'Closed'",
    completedAt: 'closed_at',
    timestamps: ['created_at', 'closed_at'],
  },
  borrowing_requests: {
    table: 'alma.borrowing_requests',
    completed: "request_status IN ('Completed', 'Cancelled')",
    completedAt: 'completed_at',
    timestamps: ['created_at', 'completed_at'],
  },
};
