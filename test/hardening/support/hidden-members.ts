import { privacyConfig } from '../../../src/privacy/privacy-config';
import { treatmentOfMember } from '../../../src/model/member-treatment';
import { userDetailsFields } from '../../../src/user-details/user-details-fields';

/** The users-view members (fields and derived members) `group` may not see, from the privacy config. */
export function hiddenUserMembers(group: string): string[] {
  const policy = privacyConfig().groups.find((candidate) => candidate.name === group);
  if (!policy) throw new Error(`no group ${group} in model/privacy.yml`);
  const members = [...userDetailsFields().map((field) => field.member), ...Object.keys(privacyConfig().derivedMembers)];
  return members.filter((member) => treatmentOfMember(member, policy) === 'hidden');
}

/** Hidden members that are time fields (birth_date for dashboards), for the time-dimension route. */
export function hiddenTimeMembers(group: string): string[] {
  const time = new Set(userDetailsFields().filter((field) => field.kind === 'time').map((field) => field.member));
  return hiddenUserMembers(group).filter((member) => time.has(member));
}
