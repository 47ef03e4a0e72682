/** Bind's result format codes for `count` columns: none means text, one applies to all. */
export function resultFormatsFor(codes: number[], count: number): number[] {
  if (codes.length === 0) return Array(count).fill(0);
  if (codes.length === 1) return Array(count).fill(codes[0]);
  return codes.slice(0, count);
}
