/**
 * `annotation.disclosure` of an answer to a group with a minimum cell size. The
 * dashboard shows a cell listed in `suppressedCells` as "fewer than k" (its value
 * is null), never as 0.
 */
export interface DisclosureAnnotation {
  /** k: the fewest people a shown cell aggregates. */
  readonly minCellSize: number;
  /** 'cell-key' when counts carry the fixed noise of the cell key method. */
  readonly perturbation: 'cell-key' | null;
  /** [row index in data, member] of every value set to null. */
  readonly suppressedCells: [number, string][];
  /**
   * Rows of fewer than k people left out of the answer (their dimension values would single people out);
   * null when the caller's own filters, segments or date ranges narrowed the query, where the count
   * would say whether an aimed cell is empty or small.
   */
  readonly hiddenRows: number | null;
}
