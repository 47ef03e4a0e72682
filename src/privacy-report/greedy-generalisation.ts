import type { CodedUsers } from './coded-users';
import { columnTerms, RowHashes, type CellCounts } from './k-anonymity';
import type { QuasiIdentifier } from './quasi-identifiers';

/** One generalisation: a field coarsened one level, or dropped. */
export interface GeneralisationStep {
  readonly member: string;
  readonly from: string;
  /** The coarser level, or `dropped`; on a step put back, the finer level. */
  readonly to: string;
  /** True for a step put back: the data stays at k with this field one level finer again. */
  readonly putBack: boolean;
  /** The cells once this step (and all before it) is taken. */
  readonly after: CellCounts;
}

/** How a field ends up: at one of its levels, or dropped. */
export interface FieldLevel {
  readonly member: string;
  readonly level: string;
}

export interface Generalisation {
  readonly asSeen: CellCounts;
  readonly steps: readonly GeneralisationStep[];
  /** True when the last step leaves no user in a cell under k. */
  readonly reachesK: boolean;
  readonly kept: readonly FieldLevel[];
  readonly dropped: readonly string[];
}

/**
 * Sweeney's Datafly, a greedy search for generalisations that bring every cell
 * to k: while some users are in cells under k, the field with the most
 * distinct values (as it stands) goes one level coarser, or, at its coarsest,
 * is dropped. A fixed field (a dashboard's campus) stays. Then, as Datafly
 * overshoots, each step is undone again where the data stays at k without it,
 * most detailed fields first. Greedy, so not the least loss of detail; it shows
 * a way to k and its price.
 */
export function searchGeneralisation(identifiers: readonly QuasiIdentifier[], users: CodedUsers, k: number): Generalisation {
  const state = identifiers.map(() => 0);
  const termsAt = (i: number, level: number) =>
    level < identifiers[i]!.levels.length ? columnTerms(users.codes[i]![level], i, users.rows) : undefined;
  const distinct = users.codes.map((levels) => levels.map((codes) => codes.reduce((max, code) => Math.max(max, code + 1), 0)));
  const hashes = new RowHashes(users.rows);
  identifiers.forEach((_, i) => hashes.add(termsAt(i, 0)!));
  const asSeen = hashes.countSwapping(k);
  let current = asSeen;
  const steps: GeneralisationStep[] = [];
  const move = (i: number, to: number) => {
    const out = termsAt(i, state[i]!);
    const into = termsAt(i, to);
    const counts = hashes.countSwapping(k, out, into);
    if (out) hashes.add(out, -1);
    if (into) hashes.add(into);
    const { member, levels } = identifiers[i]!;
    steps.push({ member, from: levels[state[i]!]?.name ?? 'dropped', to: levels[to]?.name ?? 'dropped', putBack: to < state[i]!, after: counts });
    state[i] = to;
    current = counts;
  };

  while (current.underK > 0) {
    let widest = -1;
    identifiers.forEach((identifier, i) => {
      if (identifier.fixed || state[i]! >= identifier.levels.length) return;
      if (widest < 0 || distinct[i]![state[i]!]! > distinct[widest]![state[widest]!]!) widest = i;
    });
    if (widest < 0) break;
    move(widest, state[widest]! + 1);
  }
  if (current.underK === 0) {
    // Put back what k does not need: the fields with the fewest values first, since they cost the least.
    const order = identifiers.map((_, i) => i).sort((a, b) => (distinct[a]![0] ?? 0) - (distinct[b]![0] ?? 0));
    for (let restored = true; restored;) {
      restored = false;
      for (const i of order) {
        if (state[i] === 0) continue;
        const back = hashes.countSwapping(k, termsAt(i, state[i]!), termsAt(i, state[i]! - 1));
        if (back.underK === 0) {
          move(i, state[i]! - 1);
          restored = true;
        }
      }
    }
  }
  const kept = identifiers.flatMap((identifier, i) =>
    state[i]! < identifier.levels.length ? [{ member: identifier.member, level: identifier.levels[state[i]!]!.name }] : []);
  const dropped = identifiers.filter((identifier, i) => state[i]! >= identifier.levels.length).map((identifier) => identifier.member);
  return { asSeen, steps, reachesK: current.underK === 0, kept, dropped };
}

/** Each field on its own, as the group sees it: how many users it alone leaves unique or under k. */
export function fieldsAlone(identifiers: readonly QuasiIdentifier[], users: CodedUsers, k: number): (CellCounts & { member: string })[] {
  return identifiers.map((identifier, i) => {
    const hashes = new RowHashes(users.rows);
    hashes.add(columnTerms(users.codes[i]![0], i, users.rows));
    return { member: identifier.member, ...hashes.countSwapping(k) };
  });
}

/** All the fields together, as the group sees them. */
export function cellsAsSeen(identifiers: readonly QuasiIdentifier[], users: CodedUsers, k: number): CellCounts {
  const hashes = new RowHashes(users.rows);
  identifiers.forEach((_, i) => hashes.add(columnTerms(users.codes[i]![0], i, users.rows)));
  return hashes.countSwapping(k);
}
