import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { userDetailsField, userDetailsFields, type PrivacyClass, type UserDetailsField } from '../user-details/user-details-fields';
import { readDisclosureSettings, readPeoplePerView, type DisclosureSettings, type PeopleRule } from './disclosure-settings';

/** What a group sees of the fields of one privacy class. */
export type Treatment = 'visible' | 'masked' | 'hidden';

/** What a group may do besides querying the views; see model/privacy.yml. */
export const CAPABILITIES = ['see_generated_sql', 'read_model_status', 'use_graphql', 'query_cubes', 'build_pre_aggregations'] as const;
export type Capability = typeof CAPABILITIES[number];

export interface GroupPolicy {
  readonly name: string;
  readonly description: string;
  readonly treatments: Readonly<Record<PrivacyClass, Treatment>>;
  readonly capabilities: readonly Capability[];
  /** Rows limited to the values of a token claim, when set. */
  readonly rowFilter?: { readonly member: string; readonly claim: string };
  /** Minimum cell size and what goes with it; undefined for a group that sees every cell. */
  readonly disclosure?: DisclosureSettings;
}

export interface Mask {
  readonly description: string;
  /** PostgreSQL expression with `{column}` standing for the real column. */
  readonly sql: string;
}

/** A measure or segment computed from a field; it follows that field's treatment. */
export interface DerivedMember {
  readonly reads: UserDetailsField;
  readonly kind: 'measure' | 'segment';
}

export type ActivityType = 'loans' | 'fines_fees' | 'borrowing_requests';

/** Units of PostgreSQL's date_trunc that anonymized timestamps may be coarsened to; finer ones are keys. */
export type AnonymizationGranularity = 'hour' | 'day' | 'week' | 'month' | 'year';
const ANONYMIZATION_GRANULARITIES: readonly AnonymizationGranularity[] = ['hour', 'day', 'week', 'month', 'year'];
export const ACTIVITY_TYPES: readonly ActivityType[] = ['loans', 'fines_fees', 'borrowing_requests'];

export interface PrivacyConfig {
  readonly groups: readonly GroupPolicy[];
  readonly masks: Readonly<Record<string, Mask>>;
  /** Model members computed from a field (average age from birth date), by member name. */
  readonly derivedMembers: Readonly<Record<string, DerivedMember>>;
  readonly activitySnapshot: readonly UserDetailsField[];
  readonly retentionDays: Readonly<Record<ActivityType, number>>;
  readonly retentionDaysByUserGroup: Readonly<Record<string, Partial<Record<ActivityType, number>>>>;
  /** The longest a token may be valid for, in seconds (tokens.max_lifetime_days). */
  readonly maxTokenLifetimeSeconds: number;
  /** What the anonymization job coarsens the timestamps of an anonymized row to (`anonymization.timestamp_granularity`). */
  readonly anonymizationGranularity: AnonymizationGranularity;
  /** Who a cell of each view counts as its people, for minimum cell sizes. */
  readonly peoplePerView: Readonly<Record<string, PeopleRule>>;
}

export const PRIVACY_CONFIG_FILE = join(__dirname, '..', '..', 'model', 'privacy.yml');

const TREATMENTS: readonly Treatment[] = ['visible', 'masked', 'hidden'];
const CLASSES: readonly PrivacyClass[] = ['identifying', 'sensitive', 'general'];

function fail(message: string): never {
  throw new Error(`${PRIVACY_CONFIG_FILE}: ${message}`);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function readGroup(name: string, raw: unknown): GroupPolicy {
  const group = asRecord(raw, `groups.${name}`);
  const treatments = {} as Record<PrivacyClass, Treatment>;
  for (const privacyClass of CLASSES) {
    const treatment = group[privacyClass];
    if (!TREATMENTS.includes(treatment as Treatment)) {
      fail(`groups.${name}.${privacyClass} must be one of ${TREATMENTS.join(', ')}`);
    }
    treatments[privacyClass] = treatment as Treatment;
  }
  let rowFilter: GroupPolicy['rowFilter'];
  if (group.row_filter !== undefined) {
    const filter = asRecord(group.row_filter, `groups.${name}.row_filter`);
    const member = String(filter.member ?? '');
    if (userDetailsField(member).privacyClass !== 'general') fail(`groups.${name}.row_filter.member must be a general field`);
    rowFilter = { member, claim: String(filter.claim ?? fail(`groups.${name}.row_filter.claim is missing`)) };
  }
  const disclosure = readDisclosureSettings(name, group, fail);
  const capabilities = group.capabilities ?? [];
  if (!Array.isArray(capabilities) || !capabilities.every((capability) => CAPABILITIES.includes(capability))) {
    fail(`groups.${name}.capabilities must be a list of ${CAPABILITIES.join(', ')}`);
  }
  return { name, description: String(group.description ?? ''), treatments, capabilities: capabilities as Capability[], rowFilter, disclosure };
}

export function parsePrivacyConfig(text: string): PrivacyConfig {
  const root = asRecord(parse(text), 'the file');
  const groups = Object.entries(asRecord(root.groups, 'groups')).map(([name, raw]) => readGroup(name, raw));
  if (groups.filter((group) => group.capabilities.includes('build_pre_aggregations')).length !== 1) {
    fail('exactly one group must have the build_pre_aggregations capability');
  }
  const tokens = asRecord(root.tokens, 'tokens');
  const maxLifetimeDays = tokens.max_lifetime_days;
  if (typeof maxLifetimeDays !== 'number' || !(maxLifetimeDays > 0)) fail('tokens.max_lifetime_days must be a positive number of days');

  const masks: Record<string, Mask> = {};
  for (const [member, raw] of Object.entries(asRecord(root.masks ?? {}, 'masks'))) {
    const mask = asRecord(raw, `masks.${member}`);
    if (userDetailsField(member).privacyClass !== 'sensitive') fail(`masks.${member}: only sensitive fields are masked`);
    if (typeof mask.sql !== 'string' || !mask.sql.includes('{column}') && !/^'.*'$/.test(mask.sql)) {
      fail(`masks.${member}.sql must be an expression over {column} or a string literal`);
    }
    masks[member] = { description: String(mask.description ?? ''), sql: mask.sql };
  }
  const someGroupMasks = groups.some((group) => group.treatments.sensitive === 'masked');
  for (const field of userDetailsFields()) {
    if (someGroupMasks && field.privacyClass === 'sensitive' && !masks[field.member]) {
      fail(`masks.${field.member} is missing: a group masks sensitive fields`);
    }
  }

  const derivedMembers: Record<string, DerivedMember> = {};
  for (const [member, raw] of Object.entries(asRecord(root.derived_members ?? {}, 'derived_members'))) {
    const derived = asRecord(raw, `derived_members.${member}`);
    if (!/^[a-z][a-z0-9_]*$/.test(member)) fail(`derived_members.${member}: member names are snake_case`);
    if (userDetailsFields().some((candidate) => candidate.member === member)) {
      fail(`derived_members.${member}: a field of that name already has its own class`);
    }
    if (derived.kind !== 'measure' && derived.kind !== 'segment') fail(`derived_members.${member}.kind must be measure or segment`);
    derivedMembers[member] = { reads: userDetailsField(String(derived.reads)), kind: derived.kind };
  }

  const snapshot = root.activity_snapshot;
  if (!Array.isArray(snapshot)) fail('activity_snapshot must be a list of user fields');
  const activitySnapshot = snapshot.map((member) => userDetailsField(String(member)));
  if (activitySnapshot.some((field) => field.privacyClass === 'sensitive')) {
    fail('activity_snapshot must not copy sensitive fields onto activity');
  }

  const retention = asRecord(root.retention_days, 'retention_days');
  const retentionDays = {} as Record<ActivityType, number>;
  for (const type of ACTIVITY_TYPES) {
    const days = retention[type];
    if (!Number.isInteger(days) || (days as number) < 0) fail(`retention_days.${type} must be a whole number of days`);
    retentionDays[type] = days as number;
  }
  const retentionDaysByUserGroup: Record<string, Partial<Record<ActivityType, number>>> = {};
  for (const [groupCode, raw] of Object.entries(asRecord(retention.by_user_group ?? {}, 'retention_days.by_user_group'))) {
    retentionDaysByUserGroup[groupCode] = asRecord(raw, `retention_days.by_user_group.${groupCode}`) as Partial<Record<ActivityType, number>>;
  }
  const anonymization = asRecord(root.anonymization ?? {}, 'anonymization');
  const anonymizationGranularity = (anonymization.timestamp_granularity ?? 'day') as AnonymizationGranularity;
  if (!ANONYMIZATION_GRANULARITIES.includes(anonymizationGranularity)) {
    fail(`anonymization.timestamp_granularity must be one of ${ANONYMIZATION_GRANULARITIES.join(', ')}`);
  }
  const peoplePerView = readPeoplePerView(root.people_per_view, fail);
  return {
    groups, masks, derivedMembers, activitySnapshot, retentionDays, retentionDaysByUserGroup, anonymizationGranularity, peoplePerView,
    maxTokenLifetimeSeconds: Math.round(maxLifetimeDays * 86_400),
  };
}

let cached: PrivacyConfig | undefined;

/** The privacy config, read once per process. */
export function privacyConfig(): PrivacyConfig {
  cached ??= parsePrivacyConfig(readFileSync(PRIVACY_CONFIG_FILE, 'utf8'));
  return cached;
}

/** How `group` sees `field`; unknown groups see nothing. */
export function treatmentOf(field: UserDetailsField, group: string): Treatment {
  const policy = privacyConfig().groups.find((candidate) => candidate.name === group);
  return policy ? policy.treatments[field.privacyClass] : 'hidden';
}

/** The fields whose values the anonymization job erases from completed activity. */
export function identifyingSnapshotFields(): readonly UserDetailsField[] {
  return privacyConfig().activitySnapshot.filter((field) => field.privacyClass === 'identifying');
}
