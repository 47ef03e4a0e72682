import type { SeededRandom } from './seeded-random';
import { CAMPUSES, PARTNER_LIBRARIES } from '../../seeds/code-tables';
import type { SeededActivity, SeededFee, SeededLoan, SeededRequest } from './seeded-activity';
import type { UserGroupProfile } from '../../seeds/user-group-profiles';

const DAY = 86_400;
// Activity older than this is not seeded: Alma sites keep a couple of years of it in reports.
const HISTORY_DAYS = 730;
const CAMPUS_CODES = CAMPUSES.map(([code]) => code);
const PARTNER_CODES = PARTNER_LIBRARIES.map(([code]) => code);

/** What the activity of a user depends on. */
export interface Borrower {
  readonly profile: UserGroupProfile;
  readonly campusCode: string;
  /** The user can borrow from this moment (activity is seeded for the last two years at most)... */
  readonly from: number;
  /** ...until this one (the expiry or the as-of moment, whichever is first). */
  readonly until: number;
  /** Start of the as-of day: nothing happens at or after it. */
  readonly now: number;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function workingMoment(random: SeededRandom, day: number): number {
  return day * DAY + random.between(8 * 3600, 20 * 3600);
}

function loanOf(random: SeededRandom, borrower: Borrower, loanAt: number): SeededLoan {
  const { profile, now } = borrower;
  const library = random.chance(0.8) ? borrower.campusCode : random.pick(CAMPUS_CODES);
  if (random.chance(0.03)) {
    // In-house use: back on the shelf the same day.
    const returnAt = loanAt + random.between(600, 4 * 3600);
    return { loanAt, dueAt: loanAt + 4 * 3600, returnAt: Math.min(returnAt, now - 1), status: 'Returned', library, inHouse: true, renewals: 0 };
  }
  const renewals = random.chance(0.75) ? 0 : random.between(1, 3);
  const dueAt = (Math.floor(loanAt / DAY) + profile.loanDays * (1 + renewals)) * DAY + DAY - 60;
  const outcome = random.next();
  let returnAt = -1;
  let status: SeededLoan['status'] = 'Active';
  if (dueAt < now) {
    if (outcome < 0.84) returnAt = random.between(loanAt + 3600, dueAt);
    else if (outcome < 0.96) returnAt = dueAt + random.between(DAY, 40 * DAY);
    else if (outcome < 0.98) status = 'Lost';
  } else if (outcome < 0.45) {
    returnAt = random.between(loanAt + 3600, Math.max(loanAt + 3600, now - 1));
  }
  if (returnAt >= now) returnAt = -1;
  if (returnAt >= 0) status = 'Returned';
  return { loanAt, dueAt, returnAt, status, library, inHouse: false, renewals };
}

function closeFee(random: SeededRandom, fee: SeededFee, now: number): SeededFee {
  const age = now - fee.createdAt;
  if (age > 7 * DAY && random.chance(0.8)) {
    fee.closed = true;
    fee.transactionCents = fee.originalCents;
    fee.closedAt = fee.createdAt + random.between(3600, Math.min(age - 1, 90 * DAY));
  } else if (random.chance(0.2)) {
    fee.transactionCents = Math.floor(fee.originalCents / 2);
  }
  return fee;
}

function newFee(loanIndex: number, type: string, originalCents: number, createdAt: number): SeededFee {
  return { loanIndex, type, closed: false, originalCents, transactionCents: 0, createdAt, closedAt: -1 };
}

function feeOf(random: SeededRandom, loan: SeededLoan, loanIndex: number, now: number): SeededFee | undefined {
  if (loan.status === 'Lost') {
    const createdAt = loan.dueAt + random.between(DAY, 30 * DAY);
    if (createdAt >= now) return undefined;
    return closeFee(random, newFee(loanIndex, 'Lost item replacement fee', random.between(25, 120) * 100, createdAt), now);
  }
  const lateUntil = loan.returnAt >= 0 ? loan.returnAt : now - 1;
  if (lateUntil <= loan.dueAt || !random.chance(0.6)) return undefined;
  const daysLate = Math.ceil((lateUntil - loan.dueAt) / DAY);
  // An open loan's fine accrues daily; a returned one's is charged on return.
  const createdAt = loan.returnAt >= 0 ? loan.returnAt : loan.dueAt + DAY;
  if (createdAt >= now) return undefined;
  return closeFee(random, newFee(loanIndex, 'Overdue fine', Math.min(daysLate * 50, 2000), createdAt), now);
}

function requestOf(random: SeededRandom, borrower: Borrower, createdAt: number): SeededRequest {
  const { now } = borrower;
  const ageDays = (now - createdAt) / DAY;
  const roll = random.next();
  const partner = random.pick(PARTNER_CODES);
  if (ageDays > 30 ? roll < 0.88 : ageDays > 7 && roll < 0.4) {
    const completedAt = Math.min(createdAt + random.between(5 * DAY, 28 * DAY), now - 1);
    return { status: 'Completed', createdAt, completedAt, partner, filled: true };
  }
  if (roll > 0.9) {
    const completedAt = Math.min(createdAt + random.between(0, 5 * DAY), now - 1);
    return { status: 'Cancelled', createdAt, completedAt, partner, filled: false };
  }
  if (ageDays > 7) return { status: 'Received', createdAt, completedAt: -1, partner, filled: true };
  return roll < 0.5
    ? { status: 'Requested', createdAt, completedAt: -1, partner, filled: false }
    : { status: 'Shipped', createdAt, completedAt: -1, partner, filled: true };
}

/** Loans, fines and fees, and borrowing requests of one user, in time order within each kind. */
export function generateActivity(random: SeededRandom, borrower: Borrower): SeededActivity {
  const activity: SeededActivity = { loans: [], fees: [], requests: [] };
  const firstDay = Math.max(Math.ceil(borrower.from / DAY), Math.floor(borrower.now / DAY) - HISTORY_DAYS);
  const lastDay = Math.floor(borrower.until / DAY) - 1;
  if (lastDay < firstDay) return activity;
  const years = (lastDay - firstDay + 1) / 365;
  const expected = borrower.profile.loansPerYear * years;
  const loanCount = Math.min(60, Math.floor(expected * random.next() * 2 + random.next()));
  const loanDays: number[] = [];
  for (let i = 0; i < loanCount; i++) loanDays.push(random.between(firstDay, lastDay));
  loanDays.sort(byNumber);
  for (const day of loanDays) activity.loans.push(loanOf(random, borrower, workingMoment(random, day)));
  for (let index = 0; index < activity.loans.length; index++) {
    const fee = feeOf(random, activity.loans[index]!, index, borrower.now);
    if (fee) activity.fees.push(fee);
  }
  if (random.chance(0.01)) {
    const createdAt = workingMoment(random, random.between(firstDay, lastDay));
    activity.fees.push(closeFee(random, newFee(-1, 'Card replacement fee', 500, createdAt), borrower.now));
  }
  if (random.chance(borrower.profile.borrowingRequestShare)) {
    const requestDays: number[] = [];
    for (let i = random.between(1, 4); i > 0; i--) requestDays.push(random.between(firstDay, lastDay));
    requestDays.sort(byNumber);
    for (const day of requestDays) activity.requests.push(requestOf(random, borrower, workingMoment(random, day)));
  }
  return activity;
}
