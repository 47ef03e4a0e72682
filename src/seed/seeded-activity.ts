/** Activity of one seeded user, as numbers; times are whole seconds since 1970 (UTC), -1 for none. */

export interface SeededLoan {
  loanAt: number;
  dueAt: number;
  returnAt: number;
  status: 'Active' | 'Returned' | 'Lost';
  library: string;
  inHouse: boolean;
  renewals: number;
}

export interface SeededFee {
  /** Position of the loan among the user's loans, or -1 for a fee not tied to a loan. */
  loanIndex: number;
  type: string;
  closed: boolean;
  originalCents: number;
  transactionCents: number;
  createdAt: number;
  closedAt: number;
}

export interface SeededRequest {
  status: 'Requested' | 'Shipped' | 'Received' | 'Completed' | 'Cancelled';
  createdAt: number;
  completedAt: number;
  partner: string;
  filled: boolean;
}

export interface SeededActivity {
  readonly loans: SeededLoan[];
  readonly fees: SeededFee[];
  readonly requests: SeededRequest[];
}
