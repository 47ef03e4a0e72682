import { identifyingSnapshotFields, privacyConfig, type ActivityType } from '../privacy/privacy-config';
import { COMPLETED_ACTIVITY } from './completed-activity';

/**
 * The WHERE clause of the rows of `type` due for anonymization on an as-of
 * date: completed, completed longer ago than the retention period of the
 * row's user group (model/privacy.yml), and not anonymized yet. A row the job
 * has anonymized has a negative id (see `ANONYMIZED_ROW_ID`); Alma's and the
 * seed's ids are positive. That is what makes a run idempotent, and what lets a
 * run finish rows an older version of the job only unlinked.
 * Parameters: $1 as-of date, $2 retention days by user group code (jsonb), $3 default days.
 */
export function candidateCondition(type: ActivityType): string {
  const activity = COMPLETED_ACTIVITY[type];
  return `id > 0 AND ${activity.completed}
    AND ${activity.completedAt} < (($1::date - COALESCE(($2::jsonb ->> user_group_code)::int, $3::int))::timestamp AT TIME ZONE 'UTC')`;
}

/**
 * What a row keeps of its user once anonymized: the general snapshot, as Alma
 * keeps it. The link and the identifying fields are erased, and every moment
 * of the row (and when it was anonymized) is cut to the configured unit,
 * parameter $6, so none of them equals a moment of the user's record.
 */
export function anonymizingAssignments(type: ActivityType): string {
  const identifying = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
  return [
    ...identifying.map((column) => `${column} = NULL`),
    ...COMPLETED_ACTIVITY[type].timestamps.map((column) => `${column} = date_trunc($6, activity.${column}, 'UTC')`),
    `anonymized_at = date_trunc($6, now(), 'UTC')`,
  ].join(', ');
}

/** The parameters $1-$3 of `candidateCondition` for a type and an as-of date. */
export function candidateParameters(type: ActivityType, asOf: string): [string, string, number] {
  const config = privacyConfig();
  const byGroup: Record<string, number> = {};
  for (const [groupCode, days] of Object.entries(config.retentionDaysByUserGroup)) {
    const override = days[type];
    if (override !== undefined) byGroup[groupCode] = override;
  }
  return [asOf, JSON.stringify(byGroup), config.retentionDays[type]];
}
