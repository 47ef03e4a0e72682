import { dayText, momentText } from './copy-text';
import type { SeededRandom } from './seeded-random';
import { WeightedChoice } from './weighted-choice';
import { compileNullRecord } from './tsv-line';
import { userDetailsFields } from '../user-details/user-details-fields';
import { generateActivity } from './activity-generator';
import {
  INSTITUTIONS, JOB_CATEGORIES, LANGUAGES, LOCAL_RESOURCE_SHARING_LIBRARIES, PATRON_LETTERS, USER_GROUPS,
} from '../../seeds/code-tables';
import { nextSemesterEnd, semesterEnds } from './semester-ends';
import { StatisticalCategoryPicker } from './statistical-category-picker';
import type { SeededActivity } from './seeded-activity';
import { USER_GROUP_PROFILES, type UserGroupProfile } from '../../seeds/user-group-profiles';
import type { UserValues } from './user-values';
import type { ValuePools } from './value-pools';

const DAY = 86_400;


export interface SeededUser {
  readonly values: UserValues;
  readonly activity: SeededActivity;
  /** The user's record key for the cell key method: uniform in [0, 1), fixed by the seed and the user's index. */
  readonly recordKey: number;
}

const nameOf = (rows: readonly (readonly [string, string])[]) => new Map(rows.map(([code, name]) => [code, name]));
const GROUP_NAMES = nameOf(USER_GROUPS);
const JOB_NAMES = nameOf(JOB_CATEGORIES);
const GENDERS = new WeightedChoice<string>([['Female', 51], ['Male', 45], ['Other', 1.5], ['Prefer not to say', 2.5]]);
const CAMPUS = new WeightedChoice<string>([['MAIN', 55], ['MED', 14], ['LAW', 11], ['ARTS', 20]]);
// Weights follow the order of the languages code table.
const LANGUAGE = new WeightedChoice<string>(LANGUAGES.map(([code], i) => [code, [86, 3, 3, 4, 3, 1][i] ?? 1] as const));
const LETTER_NAMES = PATRON_LETTERS.map(([, name]) => name);

interface GroupChoice {
  readonly profile: UserGroupProfile;
  readonly code: string;
  readonly name: string;
  readonly jobs: WeightedChoice<string>;
  readonly semesterEnds: number[];
}

function groupChoices(): WeightedChoice<GroupChoice> {
  return new WeightedChoice(USER_GROUP_PROFILES.map((profile) => [{
    profile,
    code: profile.code,
    name: GROUP_NAMES.get(profile.code) ?? profile.code,
    jobs: new WeightedChoice(profile.jobs.map(([code, weight]) => [JOB_NAMES.get(code) ?? code, weight] as const)),
    semesterEnds: semesterEnds(profile.expiryOn),
  }, profile.weight] as const));
}

/**
 * A values object with every field of the list, all null: the one shape the
 * generator fills. Made by a compiled object literal because an object grown
 * key by key past a dozen properties drops to V8's slow dictionary mode.
 */
export function emptyUserValues(): UserValues {
  return compileNullRecord(userDetailsFields().map((field) => field.member))();
}

/**
 * Makes user number `index` of a seeded population, with the activity that
 * user had. Everything comes from `random`, reseeded per user by the caller,
 * and from the pools, so a user is the same whichever chunk or pass makes it.
 */
export class UserGenerator {
  private readonly groups = groupChoices();
  private readonly now: number;
  private readonly categories = new StatisticalCategoryPicker();

  constructor(private readonly pools: ValuePools, private readonly asOfDay: number) {
    this.now = asOfDay * DAY;
  }

  /** Fills `values` (reused between users, to keep one object shape and no garbage). */
  generate(random: SeededRandom, index: number, values: UserValues = emptyUserValues()): SeededUser {
    const { pools, asOfDay, now } = this;
    const group = this.groups.pick(random);
    const profile = group.profile;

    const gender = GENDERS.pick(random);
    const female = gender === 'Female' || (gender !== 'Male' && random.chance(0.5));
    const first = random.pick(female ? pools.femaleFirstNames : pools.maleFirstNames);
    const last = random.pick(pools.lastNames);
    values.user_id = String(9_100_000_000_000 + index);
    values.primary_identifier = `${first.charAt(0)}${last.charAt(0)}${100_000 + index}`.toLowerCase();
    values.first_name = first;
    values.last_name = last;
    values.middle_name = random.chance(0.3) ? random.pick(pools.middleNames) : null;
    values.full_name = `${first} ${last}`;
    values.preferred_first_name = random.chance(0.07) ? random.pick(female ? pools.femaleFirstNames : pools.maleFirstNames) : null;
    values.preferred_middle_name = random.chance(0.01) ? random.pick(pools.middleNames) : null;
    values.preferred_last_name = random.chance(0.015) ? random.pick(pools.lastNames) : null;
    values.gender = gender;
    values.user_title = group.code === 'FACULTY' && random.chance(0.7)
      ? (random.chance(0.4) ? 'Prof' : 'Dr')
      : random.chance(0.1) ? (gender === 'Male' ? 'Mr' : gender === 'Female' ? 'Ms' : 'Mx') : null;

    const age = random.between(profile.ages[0], profile.ages[1]);
    values.birth_date = dayText(asOfDay - Math.floor(age * 365.25) - random.between(0, 364));

    const registeredDay = asOfDay - random.between(profile.yearsRegistered[0] * 365, profile.yearsRegistered[1] * 365 + 364);
    const createdAt = registeredDay * DAY + random.between(8 * 3600, 18 * 3600);
    const expiryDay = random.chance(profile.leaverShare)
      ? nextSemesterEnd(group.semesterEnds, random.between(registeredDay, asOfDay))
      : nextSemesterEnd(group.semesterEnds, asOfDay + random.between(profile.yearsValid[0] * 365, profile.yearsValid[1] * 365));
    const internal = random.chance(profile.internalShare);
    const staffRecord = random.chance(profile.staffRecordShare);
    values.user_type = internal ? 'Internal' : 'External';
    values.user_record_type = staffRecord ? 'Staff' : 'Public';
    values.user_group = group.name;
    values.user_group_code = group.code;
    values.job_title = group.jobs.pick(random);
    values.job_description = random.chance(profile.jobDescriptionShare) ? random.pick(pools.jobDescriptions) : null;
    const campus = CAMPUS.pick(random);
    values.campus_code = campus;
    values.status_date = dayText(registeredDay);
    values.creation_date = momentText(createdAt);
    values.expiry_date = dayText(expiryDay);
    values.purge_date = dayText(expiryDay + profile.purgeAfterDays);
    values.status = expiryDay < asOfDay || random.chance(0.005) ? 'Inactive' : 'Active';
    values.default_language = LANGUAGE.pick(random);
    const creator = internal ? random.pick(pools.staffAccounts) : 'sis_import';
    values.creator = creator;
    values.external_id = internal ? null : `SIS${String(mixDigits(index)).padStart(9, '0')}`;
    values.identifier_1 = `2${String(3_000_000_000 + index)}`;
    values.identifier_2 = group.code === 'FACULTY' && random.chance(0.6)
      ? `0000-000${random.between(1, 9)}-${random.between(1000, 9999)}-${random.between(1000, 9999)}` : null;

    this.categories.fill(random, values, profile, campus);
    const localLibrary = campus === 'MED' ? LOCAL_RESOURCE_SHARING_LIBRARIES[1]! : LOCAL_RESOURCE_SHARING_LIBRARIES[0]!;
    values.resource_sharing_library_code = localLibrary[0];
    values.resource_sharing_library = localLibrary[1];
    values.cataloger_level = staffRecord ? random.pick(['20', '40', '60']) : '00';
    const instructor = group.code === 'FACULTY' && random.chance(0.45);
    values.has_role_other_than_patron = staffRecord || instructor ? 't' : 'f';
    values.has_role_other_than_patron_and_instructor = staffRecord ? 't' : 'f';
    values.patron_letters_opt_in = random.chance(0.6) ? lettersFrom(random, 1, 3) : null;
    values.patron_letters_opt_out = random.chance(0.1) ? lettersFrom(random, 1, 1) : null;
    const linked = random.chance(0.02) ? random.pick(INSTITUTIONS) : undefined;
    values.linked_from_other_institution = linked ? 't' : 'f';
    values.linked_from_institution_code = linked ? linked[0] : null;
    values.linked_from_institution_name = linked ? linked[1] : null;
    values.linked_to_other_institution = random.chance(0.04) ? 't' : 'f';

    const activity = generateActivity(random, {
      profile, campusCode: campus, from: createdAt, until: Math.min(now, (expiryDay + 1) * DAY), now,
    });
    const lastActivity = lastActivityOf(activity);
    values.last_activity_date = lastActivity >= 0 ? momentText(lastActivity) : null;
    const modifiedAt = createdAt + Math.floor(random.next() * Math.max(0, Math.max(lastActivity, createdAt) - createdAt));
    values.modification_date = momentText(modifiedAt);
    values.modified_by = modifiedAt === createdAt ? creator : random.chance(0.5) ? random.pick(pools.staffAccounts) : creator;
    const owes = activity.fees.some((fee) => !fee.closed && fee.originalCents - fee.transactionCents >= 1000);
    values.is_blocked = random.chance(owes ? 0.5 : 0.02) ? 't' : 'f';
    // Drawn last, so adding it left every other value of a seeded user as it was.
    const recordKey = random.next();
    return { values, activity, recordKey };
  }

}

/** A scrambled number per index, so external ids look issued by another system rather than counted. */
function mixDigits(index: number): number {
  return (Math.imul(index, 0x2545f491) >>> 0) % 1_000_000_000;
}

function lettersFrom(random: SeededRandom, min: number, max: number): string {
  const start = random.between(0, LETTER_NAMES.length - 1);
  const count = random.between(min, max);
  const picked: string[] = [];
  for (let i = 0; i < count; i++) picked.push(LETTER_NAMES[(start + i) % LETTER_NAMES.length]!);
  return picked.join(', ');
}

function lastActivityOf(activity: SeededActivity): number {
  let last = -1;
  for (const loan of activity.loans) last = Math.max(last, loan.loanAt, loan.returnAt);
  for (const request of activity.requests) last = Math.max(last, request.createdAt);
  return last;
}
