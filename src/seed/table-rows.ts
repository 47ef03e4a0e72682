import { privacyConfig } from '../privacy/privacy-config';
import { amountText, COPY_NULL, momentText } from './copy-text';
import { compileTsvLine } from './tsv-line';
import { userDetailsFields } from '../user-details/user-details-fields';
import type { SeededUser } from './user-generator';

/** Where the ids of each kind of activity stand; every pass advances them the same way. */
export interface ActivityIds {
  loan: number;
  fee: number;
  request: number;
}

/** How one table's rows come out of a seeded user. */
export interface SeededTable {
  readonly name: 'users' | 'loans' | 'fines_fees' | 'borrowing_requests';
  readonly columns: readonly string[];
  /** COPY text lines (each ending in a newline) of this user's rows, ids starting from `ids`. */
  linesOf(user: SeededUser, ids: ActivityIds): string;
  /** How many rows `linesOf` gives for this user. */
  rowsOf(user: SeededUser): number;
}

const moment = (seconds: number) => (seconds < 0 ? COPY_NULL : momentText(seconds));

export function seededTables(): readonly SeededTable[] {
  const userMembers = userDetailsFields().map((field) => field.member);
  const userLine = compileTsvLine(userMembers);
  const snapshotMembers = privacyConfig().activitySnapshot.map((field) => field.member);
  const snapshotLine = compileTsvLine(snapshotMembers);
  // id, user_id, anonymized_at and the snapshot lead every activity row.
  const lead = ['id', 'user_id', 'anonymized_at', ...snapshotMembers];
  const linkOf = (user: SeededUser) => `\t${user.values.user_id}\t${COPY_NULL}\t${snapshotLine(user.values)}\t`;

  return [
    {
      name: 'users',
      // record_key is no User Details field: the cell key method's number per person (see docs/PRIVACY.md).
      columns: [...userMembers, 'record_key'],
      linesOf: (user) => `${userLine(user.values)}\t${user.recordKey}\n`,
      rowsOf: () => 1,
    },
    {
      name: 'loans',
      rowsOf: (user) => user.activity.loans.length,
      columns: [...lead, 'loan_date', 'due_date', 'return_date', 'loan_status', 'library_code', 'in_house', 'renewals'],
      linesOf(user, ids) {
        const link = linkOf(user);
        let lines = '';
        let id = ids.loan;
        for (const loan of user.activity.loans) {
          lines += `${id++}${link}${momentText(loan.loanAt)}\t${momentText(loan.dueAt)}\t${moment(loan.returnAt)}\t${loan.status}\t` +
            `${loan.library}\t${loan.inHouse ? 't' : 'f'}\t${loan.renewals}\n`;
        }
        return lines;
      },
    },
    {
      name: 'fines_fees',
      rowsOf: (user) => user.activity.fees.length,
      columns: [...lead, 'fee_type', 'fee_status', 'original_amount', 'remaining_amount', 'transaction_amount', 'created_at',
        'closed_at', 'loan_id'],
      linesOf(user, ids) {
        const link = linkOf(user);
        let lines = '';
        let id = ids.fee;
        for (const fee of user.activity.fees) {
          lines += `${id++}${link}${fee.type}\t${fee.closed ? 'Closed' : 'Open'}\t${amountText(fee.originalCents)}\t` +
            `${amountText(fee.originalCents - fee.transactionCents)}\t${amountText(fee.transactionCents)}\t` +
            `${momentText(fee.createdAt)}\t${moment(fee.closedAt)}\t${fee.loanIndex < 0 ? COPY_NULL : ids.loan + fee.loanIndex}\n`;
        }
        return lines;
      },
    },
    {
      name: 'borrowing_requests',
      rowsOf: (user) => user.activity.requests.length,
      columns: [...lead, 'request_status', 'created_at', 'completed_at', 'partner_code', 'filled'],
      linesOf(user, ids) {
        const link = linkOf(user);
        let lines = '';
        let id = ids.request;
        for (const request of user.activity.requests) {
          lines += `${id++}${link}${request.status}\t${momentText(request.createdAt)}\t${moment(request.completedAt)}\t` +
            `${request.partner}\t${request.filled ? 't' : 'f'}\n`;
        }
        return lines;
      },
    },
  ];
}

/** Moves the ids past this user's activity. */
export function advanceIds(ids: ActivityIds, user: SeededUser): void {
  ids.loan += user.activity.loans.length;
  ids.fee += user.activity.fees.length;
  ids.request += user.activity.requests.length;
}
