import type { SeededRandom } from './seeded-random';

/** Picks values in proportion to their weights, from a cumulative table built once. */
export class WeightedChoice<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(weighted: ReadonlyArray<readonly [T, number]>) {
    this.values = weighted.map(([value]) => value);
    let sum = 0;
    this.cumulative = weighted.map(([, weight]) => (sum += weight));
    this.total = sum;
    if (!(sum > 0)) throw new Error('a weighted choice needs a positive total weight');
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.total;
    let i = 0;
    while (this.cumulative[i]! <= target) i++;
    return this.values[i] as T;
  }
}
