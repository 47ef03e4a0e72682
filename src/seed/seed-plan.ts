import { dayNumber } from './copy-text';
import { seedFromText } from './seeded-random';

/** What a seeding run makes: the same plan gives the same rows, byte for byte. */
export interface SeedPlan {
  readonly users: number;
  /** The run's seed as given (`--seed`); hashed to 32 bits for the generators. */
  readonly seed: string;
  /** Day the data is as of (YYYY-MM-DD, UTC); all activity happens before it. */
  readonly asOf: string;
}

export const DEFAULT_SEED = '1';

/** Today in UTC, the default as-of date. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Checks a plan, with messages that say which argument is wrong. */
export function checkSeedPlan(plan: SeedPlan): { users: number; seedNumber: number; asOfDay: number } {
  if (!Number.isSafeInteger(plan.users) || plan.users < 0 || plan.users > 100_000_000) {
    throw new Error(`the number of users must be a whole number from 0 to 100000000, not ${plan.users}`);
  }
  if (plan.seed === '') throw new Error('the seed must not be empty');
  const asOfDay = dayNumber(plan.asOf);
  if (plan.asOf < '2000-01-01' || plan.asOf > '2150-12-31') throw new Error(`the as-of date ${plan.asOf} is outside 2000-2150`);
  return { users: plan.users, seedNumber: seedFromText(plan.seed), asOfDay };
}
