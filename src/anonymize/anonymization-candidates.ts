import { identifyingSnapshotFields, privacyConfig, type ActivityType } from '../privacy/privacy-config';
import { COMPLETED_ACTIVITY } from './completed-activity';

/**
 * The WHERE clause of the rows of `type` due for anonymization on an as-of
 * date: completed, completed longer ago than the retention period of the
 * row's user group (model/privacy.yml), and still holding a user link or an
 * identifying snapshot field. The last part is what makes a run idempotent.
 * Parameters: $1 as-of date, $2 retention days by user group code (jsonb), $3 default days.
 */
export function candidateCondition(type: ActivityType): string {
  const activity = COMPLETED_ACTIVITY[type];
  const identifying = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
  return `${activity.completed}
    AND ${activity.completedAt} < (($1::date - COALESCE(($2::jsonb ->> user_group_code)::int, $3::int))::timestamp AT TIME ZONE 'UTC')
    AND (${identifying.map((column) => `${column} IS NOT NULL`).join(' OR ')})`;
}

/** What erases a row's link to its user; the general snapshot stays. */
export function anonymizingAssignments(): string {
  const identifying = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
  return [...identifying.map((column) => `${column} = NULL`), 'anonymized_at = now()'].join(', ');
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
