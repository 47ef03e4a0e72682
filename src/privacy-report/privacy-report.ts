import pg from 'pg';
import { privacyConfig, type GroupPolicy } from '../privacy/privacy-config';
import { measureAnonymizedActivity, type AnonymizedActivityReport } from './anonymized-activity-relinks';
import { readCodedUsers } from './coded-users';
import { cellsAsSeen, fieldsAlone, searchGeneralisation, type FieldLevel, type Generalisation } from './greedy-generalisation';
import type { CellCounts } from './k-anonymity';
import { quasiIdentifiersFor, snapshotIdentifiersFor } from './quasi-identifiers';

/** What a group with a minimum cell size could single out, on the fields it may group by. */
export interface GroupReport {
  readonly group: string;
  readonly minCellSize: number;
  readonly finestTimeGranularity: string;
  /** Every user field the group may group by, at the finest level it sees. */
  readonly fields: readonly FieldLevel[];
  /** All those fields together, then the greedy way to k. */
  readonly generalisation: Generalisation;
  /** Each field on its own, most revealing first. */
  readonly fieldsAlone: readonly (CellCounts & { member: string })[];
  /** The general snapshot fields every activity row keeps, together. */
  readonly snapshot: { readonly fields: readonly string[]; readonly cells: CellCounts };
}

export interface PrivacyReport {
  readonly generatedAt: string;
  readonly users: number;
  readonly groups: readonly GroupReport[];
  /** Groups with no minimum cell size: nothing is checked for them (admin sees people by design). */
  readonly groupsWithoutMinimum: readonly string[];
  readonly anonymizedActivity: AnonymizedActivityReport;
}

async function reportGroup(client: pg.ClientBase, group: GroupPolicy, minCellSize: number): Promise<Omit<GroupReport, 'finestTimeGranularity'>> {
  const identifiers = quasiIdentifiersFor(group);
  const users = await readCodedUsers(client, identifiers);
  const snapshot = snapshotIdentifiersFor(group);
  const snapshotUsers = await readCodedUsers(client, snapshot);
  return {
    group: group.name,
    minCellSize,
    fields: identifiers.map((identifier) => ({ member: identifier.member, level: identifier.levels[0]!.name })),
    generalisation: searchGeneralisation(identifiers, users, minCellSize),
    fieldsAlone: fieldsAlone(identifiers, users, minCellSize).sort((a, b) => b.unique - a.unique || b.underK - a.underK),
    snapshot: { fields: snapshot.map((identifier) => identifier.member), cells: cellsAsSeen(snapshot, snapshotUsers, minCellSize) },
  };
}

/**
 * A k-anonymity evaluation of the data behind the model: for each group with
 * a minimum cell size, how many users the fields it may group by single out,
 * and which generalisations would bring every cell to that size; and how
 * anonymized activity could still be tied to a user. Reads only; never
 * returns a value from the data, only counts.
 */
export async function buildPrivacyReport(connectionString: string): Promise<PrivacyReport> {
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const groups: GroupReport[] = [];
    for (const group of privacyConfig().groups) {
      if (!group.disclosure) continue;
      const report = await reportGroup(client, group, group.disclosure.minCellSize);
      groups.push({ ...report, finestTimeGranularity: group.disclosure.finestTimeGranularity });
    }
    const users = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM alma.users')).rows[0]!.n);
    return {
      generatedAt: new Date().toISOString(),
      users,
      groups,
      groupsWithoutMinimum: privacyConfig().groups.filter((group) => !group.disclosure).map((group) => group.name),
      anonymizedActivity: await measureAnonymizedActivity(client),
    };
  } finally {
    await client.end();
  }
}
