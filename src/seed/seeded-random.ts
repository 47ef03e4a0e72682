/** Mixes a 32-bit value thoroughly (MurmurHash3's finalizer), so nearby inputs give unrelated outputs. */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of a seed given as text, so `--seed alpha` works as well as `--seed 42`. */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * A small, fast PRNG (mulberry32) for the per-row hot path. Integer arithmetic
 * only, so the same state yields the same numbers on every machine. Re-seeded
 * per user from (seed, user index), so a user's rows never depend on how the
 * run was chunked or on the users before it.
 */
export class SeededRandom {
  private state = 0;

  constructor(seed = 0) {
    this.state = seed | 0;
  }

  /** Restarts the sequence for one user of one run. */
  reseed(runSeed: number, index: number): void {
    this.state = mix32(runSeed ^ mix32(index + 0x9e3779b9)) | 0;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)] as T;
  }
}
