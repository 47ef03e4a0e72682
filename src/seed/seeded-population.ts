import { buildValuePools } from './value-pools';
import { advanceIds, seededTables, type ActivityIds, type SeededTable } from './table-rows';
import { emptyUserValues, UserGenerator, type SeededUser } from './user-generator';
import { checkSeedPlan, type SeedPlan } from './seed-plan';
import { SeededRandom } from './seeded-random';

/**
 * The users of one plan and their activity, made on demand from the user's
 * index. Each table is a separate pass over all users: a user is cheap to
 * make again, and that keeps memory flat (nothing is held between users).
 */
export class SeededPopulation {
  readonly users: number;
  readonly tables: readonly SeededTable[];
  private readonly seedNumber: number;
  private readonly generator: UserGenerator;

  constructor(plan: SeedPlan) {
    const checked = checkSeedPlan(plan);
    this.users = checked.users;
    this.seedNumber = checked.seedNumber;
    this.generator = new UserGenerator(buildValuePools(checked.seedNumber), checked.asOfDay);
    this.tables = seededTables();
  }

  /** A cursor over every user in order, from the first. */
  cursor(): PopulationCursor {
    return new PopulationCursor(this.users, this.seedNumber, this.generator);
  }
}

/**
 * Walks the users of a population one by one. `user` and `ids` are reused
 * objects (no garbage per user): read them before calling `next()` again.
 */
export class PopulationCursor {
  private readonly random = new SeededRandom();
  private readonly values = emptyUserValues();
  private index = -1;
  private current: SeededUser | undefined;
  /** Where the activity ids of the current user start. */
  readonly ids: ActivityIds = { loan: 1, fee: 1, request: 1 };

  constructor(private readonly users: number, private readonly seedNumber: number, private readonly generator: UserGenerator) {}

  /** Moves to the next user; false when there are no more. */
  next(): boolean {
    if (this.current) advanceIds(this.ids, this.current);
    if (this.index + 1 >= this.users) return false;
    this.index++;
    this.random.reseed(this.seedNumber, this.index);
    this.current = this.generator.generate(this.random, this.index, this.values);
    return true;
  }

  get user(): SeededUser {
    if (!this.current) throw new Error('call next() before reading the user');
    return this.current;
  }
}
