/**
 * Cell sizes of a table of coded values: each column holds one small integer
 * per row (equal codes, equal values). A row's cell is the combination of its
 * codes; the users "unique" are those alone in their cell, those "under k" in
 * a cell of fewer than k.
 *
 * A row's cell is found by hashing, and the hash is a sum of one term per
 * column (two independent 32-bit lanes, 53 bits kept), so changing one column
 * is subtracting its old term and adding the new one: a greedy search that
 * tries every column at every step costs one pass over the rows per try, not
 * one per try and column.
 */
export interface CellCounts {
  readonly unique: number;
  readonly underK: number;
  readonly cells: number;
}

const LANE_B_SHIFT = 11;
const TWO_TO_21 = 2 ** 21;

function mix(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash terms of one column's codes (0 for every row of a dropped column). */
export function columnTerms(codes: Int32Array | undefined, column: number, rows: number): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(rows);
  const b = new Uint32Array(rows);
  if (!codes) return { a, b };
  const saltA = mix(column * 2 + 1);
  const saltB = mix(column * 2 + 0x51ed27);
  for (let row = 0; row < rows; row++) {
    a[row] = mix(codes[row]! ^ saltA);
    b[row] = mix((codes[row]! + 0x9e3779b9) ^ saltB);
  }
  return { a, b };
}

/** Row hashes as two lanes: the sum of every column's terms. */
export class RowHashes {
  readonly a: Uint32Array;
  readonly b: Uint32Array;

  constructor(readonly rows: number) {
    this.a = new Uint32Array(rows);
    this.b = new Uint32Array(rows);
  }

  add(terms: { a: Uint32Array; b: Uint32Array }, sign: 1 | -1 = 1): void {
    for (let row = 0; row < this.rows; row++) {
      this.a[row] = (this.a[row]! + sign * terms.a[row]!) >>> 0;
      this.b[row] = (this.b[row]! + sign * terms.b[row]!) >>> 0;
    }
  }

  /** Cell counts with one column's terms swapped from `out` to `in` (neither changes these hashes). */
  countSwapping(k: number, out?: { a: Uint32Array; b: Uint32Array }, into?: { a: Uint32Array; b: Uint32Array }): CellCounts {
    const sizes = new Map<number, number>();
    for (let row = 0; row < this.rows; row++) {
      let a = this.a[row]!;
      let b = this.b[row]!;
      if (out) { a -= out.a[row]!; b -= out.b[row]!; }
      if (into) { a += into.a[row]!; b += into.b[row]!; }
      const key = (a >>> 0) * TWO_TO_21 + ((b >>> 0) >>> LANE_B_SHIFT);
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    let unique = 0;
    let underK = 0;
    for (const size of sizes.values()) {
      if (size === 1) unique += 1;
      if (size < k) underK += size;
    }
    return { unique, underK, cells: sizes.size };
  }
}
