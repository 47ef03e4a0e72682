/**
 * The cell key method (Australian Bureau of Statistics, TableBuilder): each
 * person has a fixed random record key in [0, 1); a cell's key is the sum of
 * its people's keys modulo 1; a fixed table maps the cell key and the count to
 * a small noise. The same people always give the same key, so the same cell
 * always answers the same number: asking again, or in another query, averages
 * nothing away.
 */

/** The largest noise, up or down; every perturbed count is within this of the true one. */
export const MAX_NOISE = 2;

const SLOTS = 256;

// How many of the 256 slots give each noise: about 5 % ±2, 20 % ±1, 50 % none.
const NOISE_SHARES: readonly [noise: number, slots: number][] = [[-2, 13], [-1, 51], [0, 128], [1, 51], [2, 13]];

/**
 * The fixed table: the slots of NOISE_SHARES in an order shuffled once by a
 * fixed-seed generator, so neighbouring cell keys do not get neighbouring noise.
 */
export const NOISE_TABLE: readonly number[] = (() => {
  const table = NOISE_SHARES.flatMap(([noise, slots]) => Array<number>(slots).fill(noise));
  let state = 0x2545f491;
  for (let index = table.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const other = state % (index + 1);
    [table[index], table[other]] = [table[other]!, table[index]!];
  }
  return table;
})();

/** A fixed offset per measure, so the measures of one cell do not all move together. */
function measureOffset(measure: string): number {
  let hash = 0;
  for (const char of measure) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash % SLOTS;
}

/** The cell key from the sum of the cell's record keys. */
export function cellKeyOf(recordKeySum: number): number {
  const key = recordKeySum % 1;
  return key < 0 ? key + 1 : key;
}

/**
 * The noise the table gives a count of `count` in a cell with key `cellKey`,
 * for the measure `measure`. Zero stays zero, and a count of at least one never
 * drops below one.
 */
export function cellKeyNoise(cellKey: number, count: number, measure: string): number {
  if (count <= 0) return 0;
  const slot = (Math.floor(cellKey * SLOTS) + measureOffset(measure) + 37 * (count % 61)) % SLOTS;
  const noise = NOISE_TABLE[slot]!;
  return count + noise < 1 ? 1 - count : noise;
}
