import { DEFAULT_SEED, todayIso } from './seed-plan';

export interface SeedArguments {
  readonly users: number;
  readonly seed: string;
  readonly asOf: string;
  readonly reset: boolean;
  /** Print the result as one JSON line (for the benchmark, which runs the seeder as a child). */
  readonly json: boolean;
}

export const SEED_USAGE = 'usage: npm run seed -- --users N [--seed S] [--as-of YYYY-MM-DD] [--reset] [--json]';

/** Parses the seed command's arguments; throws a message naming the bad one. */
export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  let users: number | undefined;
  let seed = DEFAULT_SEED;
  let asOf = todayIso();
  let reset = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--users') {
      const text = value();
      if (!/^\d+$/.test(text)) throw new Error(`--users must be a whole number, not "${text}"`);
      users = Number(text);
    } else if (argument === '--seed') seed = value();
    else if (argument === '--as-of') asOf = value();
    else if (argument === '--reset') reset = true;
    else if (argument === '--json') json = true;
    else throw new Error(`unknown argument "${argument}"`);
  }
  if (users === undefined) throw new Error('--users is required');
  return { users, seed, asOf, reset, json };
}
