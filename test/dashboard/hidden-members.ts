import { treatmentOfMember } from '../../src/model/member-treatment';
import { privacyConfig } from '../../src/privacy/privacy-config';

/**
 * The full names (view.member) of every member an admin sees in /meta that
 * `group` may not see, by the privacy config's treatment of each member.
 */
export async function hiddenMembersFor(api: string, adminToken: string, group: string): Promise<string[]> {
  const policy = privacyConfig().groups.find((candidate) => candidate.name === group);
  if (!policy) throw new Error(`no group ${group} in model/privacy.yml`);
  const response = await fetch(`${api}/meta`, { headers: { Authorization: adminToken } });
  const meta = (await response.json()) as { cubes: { name: string; measures: { name: string }[]; dimensions: { name: string }[]; segments: { name: string }[] }[] };
  return meta.cubes.flatMap((cube) => [...cube.measures, ...cube.dimensions, ...cube.segments]
    .map((member) => member.name)
    .filter((name) => treatmentOfMember(name.slice(cube.name.length + 1), policy) === 'hidden'));
}
