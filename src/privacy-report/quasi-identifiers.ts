import { userColumnType } from '../db/user-columns';
import { privacyConfig, treatmentOf, type GroupPolicy } from '../privacy/privacy-config';
import { TIME_GRANULARITIES, type TimeGranularity } from '../privacy/disclosure-settings';
import { userDetailsFields, type UserDetailsField } from '../user-details/user-details-fields';

/** One way of showing a field: its value as the group sees it, or a coarser one. */
export interface Level {
  /** `value`, `masked`, or the time unit (`day`, `month`...). */
  readonly name: string;
  /** PostgreSQL over alma.users. */
  readonly sql: string;
}

/** A field a group may group users by, and the levels it can be generalised through (after the last: dropped). */
export interface QuasiIdentifier {
  readonly member: string;
  readonly levels: readonly Level[];
  /** The group's rows are already cut by this field (a dashboard's campus): it cannot be dropped. */
  readonly fixed: boolean;
}

function timeLevels(field: UserDetailsField, finest: TimeGranularity): Level[] {
  // Cube's granularities, from the group's finest to year; PostgreSQL's date_trunc knows them all.
  const units = TIME_GRANULARITIES.slice(TIME_GRANULARITIES.indexOf(finest));
  const moment = userColumnType(field) === 'date' ? `${field.member}::timestamp` : `(${field.member} AT TIME ZONE 'UTC')`;
  return units.map((unit) => ({ name: unit, sql: `date_trunc('${unit}', ${moment})` }));
}

/**
 * The user fields `group` may group by, as it sees them: general fields with
 * their values, masked sensitive fields through their mask, time fields no
 * finer than the group's finest granularity. Hidden fields are left out.
 */
export function quasiIdentifiersFor(group: GroupPolicy, fields: readonly UserDetailsField[] = userDetailsFields()): QuasiIdentifier[] {
  const finest = group.disclosure?.finestTimeGranularity ?? 'second';
  const identifiers: QuasiIdentifier[] = [];
  for (const field of fields) {
    const treatment = treatmentOf(field, group.name);
    if (treatment === 'hidden') continue;
    const fixed = group.rowFilter?.member === field.member;
    if (treatment === 'masked') {
      const mask = privacyConfig().masks[field.member];
      if (!mask) continue;
      identifiers.push({ member: field.member, levels: [{ name: 'masked', sql: mask.sql.replaceAll('{column}', field.member) }], fixed });
    } else if (field.kind === 'time') {
      identifiers.push({ member: field.member, levels: timeLevels(field, finest), fixed });
    } else {
      identifiers.push({ member: field.member, levels: [{ name: 'value', sql: field.member }], fixed });
    }
  }
  return identifiers;
}

/** The general activity_snapshot fields a group sees: what every activity row, anonymized or not, carries. */
export function snapshotIdentifiersFor(group: GroupPolicy): QuasiIdentifier[] {
  const snapshot = privacyConfig().activitySnapshot.filter((field) => treatmentOf(field, group.name) !== 'hidden');
  return quasiIdentifiersFor(group, snapshot);
}
