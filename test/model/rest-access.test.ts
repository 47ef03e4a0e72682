import { describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { treatmentOfMember } from '../../src/model/member-treatment';
import { compiledCube, VIEWS } from './compiled-model';
import { metaMembers, restClient, type CubeQuery } from './rest-client';
import { sharedDatabaseForSuite } from './shared-database';

const { campuses } = sharedDatabaseForSuite();

async function expectedMembers(group: string): Promise<string[]> {
  const policy = privacyConfig().groups.find((candidate) => candidate.name === group)!;
  const members = await Promise.all(VIEWS.map(async (view) => (await compiledCube(view)).includedMembers
    // disclosure_* members are internal: never listed to anyone.
    .filter((member) => treatmentOfMember(member.name, policy) !== 'hidden' && !member.name.startsWith('disclosure_'))
    .map((member) => `${view}.${member.name}`)));
  return members.flat().sort();
}

describe('/meta', () => {
  it.each(['admin', 'analyst'])('lists for %s exactly the view members its policy allows', async (group) => {
    const { body } = await restClient(group).meta();
    expect(metaMembers(body)).toEqual(await expectedMembers(group));
  });

  it('lists for a dashboard with a campus exactly the measures and general members', async () => {
    const { body } = await restClient('dashboard', [campuses[0]!]).meta();
    expect(metaMembers(body)).toEqual(await expectedMembers('dashboard'));
  });

  // No claim, an unknown group: no policy applies, so Cube's default deny shows nothing.
  it.each([['dashboard without a campus claim', 'dashboard'], ['an unknown group', 'librarian']])('lists nothing for %s', async (_, group) => {
    const { status, body } = await restClient(group).meta();
    expect(status >= 400 || metaMembers(body).length === 0).toBe(true);
  });
});

interface HiddenMembers {
  readonly dimension: string;
  readonly measure?: string;
  readonly segment: string;
  readonly time?: string;
}

/** Queries that each use a member the caller may not see in one position of the query. */
function hiddenMemberQueries(hidden: HiddenMembers): [string, [CubeQuery, string]][] {
  const queries: [string, CubeQuery | undefined][] = [
    ['a dimension', { measures: ['users.count'], dimensions: [hidden.dimension] }],
    ['a measure', hidden.measure === undefined ? undefined : { measures: [hidden.measure], dimensions: ['users.user_group'] }],
    ['a filter', { measures: ['users.count'], filters: [{ member: hidden.dimension, operator: 'set' }] }],
    ['an order', { measures: ['users.count'], dimensions: ['users.user_group'], order: { [hidden.dimension]: 'asc' } }],
    ['a segment', { measures: ['users.count'], segments: [hidden.segment] }],
    ['a time dimension', hidden.time === undefined ? undefined : { measures: ['users.count'], timeDimensions: [{ dimension: hidden.time, granularity: 'year' }] }],
    ['a dimension of the hidden cube', { measures: ['user_details.count'], dimensions: [hidden.dimension.replace('users.', 'user_details.')] }],
  ];
  const used = (query: CubeQuery) => [hidden.dimension, hidden.measure, hidden.segment, hidden.time]
    .find((member) => member !== undefined && JSON.stringify(query).includes(`"${member}"`))!;
  return queries.filter((entry): entry is [string, CubeQuery] => entry[1] !== undefined)
    .map(([position, query]) => [position, [query, position.includes('hidden cube') ? hidden.dimension.replace('users.', 'user_details.') : used(query)]]);
}

/**
 * A refusal: an error, or Cube's default deny, where the query reads no row
 * (`1 = 0`: no data, or one all-zero total). An order on a member the query does
 * not select is dropped by Cube instead: the SQL must then not mention it at all.
 */
function expectRefused(label: string, result: { status: number; body: Record<string, any> }, kind: 'load' | 'sql' | 'dry-run', hidden: string) {
  if (result.status >= 400) return;
  const column = hidden.split('.')[1]!;
  if (kind === 'load') {
    const values = (result.body.data as Record<string, unknown>[]).flatMap((row) => Object.entries(row));
    expect(values.filter(([key]) => key === hidden), label).toEqual([]);
    if (!label.includes('order')) expect(values.every(([, value]) => value === null || Number(value) === 0), label).toBe(true);
  }
  if (kind === 'sql') {
    const sql = JSON.stringify(result.body.sql);
    expect(sql.includes('1 = 0') || !sql.includes(column), label).toBe(true);
  }
  if (kind === 'dry-run' && !label.includes('order')) expect(JSON.stringify(result.body), label).toContain('rlsAccessDenied');
}

describe.each([
  // Analysts see every measure and every time dimension (birth date masked), so only the other positions apply.
  ['analyst', undefined, hiddenMemberQueries({ dimension: 'users.full_name', segment: 'users.under_25' })],
  ['dashboard', true, hiddenMemberQueries({ dimension: 'users.gender', measure: 'users.average_age', segment: 'users.under_25', time: 'users.birth_date' })],
] as const)('a %s query with a hidden member', (group, withCampus, queries) => {
  it.each(queries)('is refused by /load, /sql and /dry-run when it is used as %s', async (position, [query, hidden]) => {
    const client = restClient(group, withCampus ? [campuses[0]!] : undefined);
    expectRefused(`/load ${position}`, await client.load(query), 'load', hidden);
    expectRefused(`/sql ${position}`, await client.sql(query), 'sql', hidden);
    expectRefused(`/dry-run ${position}`, await client.dryRun(query), 'dry-run', hidden);
  });
});
