import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { hiddenTimeMembers, hiddenUserMembers } from './support/hidden-members';
import { restGet, type RestAnswer } from './support/rest-client';

// An analyst or dashboard token reaches for each member its policy hides, by every
// route of the REST API, and must learn nothing: no value, and no answer that
// depends on the hidden value (asking one way and the opposite way gives the same).
const server = sharedCubeServer();
const GROUPS = ['analyst', 'dashboard'] as const;
let campus = '';
/** Values of hidden columns, long enough not to appear in an answer by chance. */
let secrets: string[] = [];

const tokenOf = (group: string) => tokenFor(server, group, group === 'dashboard' ? [campus] : undefined);
const load = (group: string, query: unknown) => restGet(server.api, 'load', tokenOf(group), query);
const count = (answer: RestAnswer) => (answer.status === 200 ? Number(answer.body.data?.[0]?.['users.count'] ?? 0) : `refused ${answer.status}`);

/** An error names only what the caller asked for: no other hidden member, no table or column of the database. */
function expectNothingLearned(answer: RestAnswer, asked: string, group: string): void {
  for (const secret of secrets) expect(answer.text).not.toContain(secret);
  expect(answer.text).not.toContain('alma.');
  for (const other of hiddenUserMembers(group)) {
    if (other !== asked && !asked.includes(other)) expect(answer.text, `${asked} mentions ${other}`).not.toMatch(new RegExp(`\\b${other}\\b`));
  }
}

beforeAll(async () => {
  const client = new pg.Client(server.databaseUrl);
  await client.connect();
  campus = (await client.query('SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].campus_code;
  const values = await client.query(`SELECT primary_identifier, first_name, last_name, full_name, external_id, identifier_1 FROM alma.users LIMIT 20`);
  secrets = values.rows.flatMap((row) => Object.values(row)).filter((value): value is string => typeof value === 'string' && value.length >= 8);
  await client.end();
});
afterAll(() => undefined);

describe.each(GROUPS)('a %s token, by every REST route', (group) => {
  const hidden = hiddenUserMembers(group);

  it('has members to attack (identifying fields at least)', () => {
    expect(hidden).toContain('primary_identifier');
    expect(hidden).toContain('full_name');
  });

  it('gets no hidden member as a dimension or a measure', async () => {
    for (const member of hidden) {
      for (const query of [{ dimensions: [`users.${member}`] }, { measures: [`users.${member}`] }, { measures: ['users.count'], dimensions: [`users.${member}`] }]) {
        const answer = await load(group, query);
        expect(answer.status, `${JSON.stringify(query)}: ${answer.text}`).not.toBe(200);
        expect(answer.body.error).toBeTruthy();
        expectNothingLearned(answer, member, group);
      }
    }
  });

  // A different status would tell which of the guessed names exist behind the policy.
  it('gets the same status for a hidden member as for one that does not exist', async () => {
    const missing = await load(group, { measures: ['users.count'], dimensions: ['users.no_such_member'] });
    for (const member of hidden) {
      const answer = await load(group, { measures: ['users.count'], dimensions: [`users.${member}`] });
      expect(answer.status, member).toBe(missing.status);
    }
  });

  it('gets the same answer filtering a hidden member one way and the opposite way', async () => {
    for (const member of hidden) {
      const set = await load(group, { measures: ['users.count'], filters: [{ member: `users.${member}`, operator: 'set' }] });
      const notSet = await load(group, { measures: ['users.count'], filters: [{ member: `users.${member}`, operator: 'notSet' }] });
      // Nested in or/and, as a dashboard library would send it.
      const nested = await load(group, { measures: ['users.count'], filters: [{ or: [{ member: `users.${member}`, operator: 'set' }, { member: 'users.user_group', operator: 'set' }] }] });
      expect(count(set), member).toBe(count(notSet));
      expect([0, `refused ${set.status}`], member).toContain(count(set));
      expect([0, `refused ${nested.status}`], member).toContain(count(nested));
      for (const answer of [set, notSet, nested]) expectNothingLearned(answer, member, group);
    }
  });

  it('gets rows in an order that does not depend on a hidden member', async () => {
    for (const member of hidden) {
      const ordered = (direction: string) => load(group, { measures: ['users.count'], dimensions: ['users.user_group'], order: [[`users.${member}`, direction], ['users.user_group', 'asc']], limit: 3 });
      const [asc, desc] = await Promise.all([ordered('asc'), ordered('desc')]);
      expect(asc.status === 200 ? asc.body.data : asc.status, member).toEqual(desc.status === 200 ? desc.body.data : desc.status);
      expectNothingLearned(asc, member, group);
    }
  });

  it('gets no hidden time member as a time dimension, with or without granularity', async () => {
    for (const member of [...hiddenTimeMembers(group), ...hidden.slice(0, 3)]) {
      const grouped = await load(group, { measures: ['users.count'], timeDimensions: [{ dimension: `users.${member}`, granularity: 'year' }] });
      expect(grouped.status, grouped.text).not.toBe(200);
      const early = await load(group, { measures: ['users.count'], timeDimensions: [{ dimension: `users.${member}`, dateRange: ['1900-01-01', '1989-12-31'] }] });
      const late = await load(group, { measures: ['users.count'], timeDimensions: [{ dimension: `users.${member}`, dateRange: ['1990-01-01', '2030-12-31'] }] });
      expect(count(early), member).toBe(count(late));
      for (const answer of [grouped, early, late]) expectNothingLearned(answer, member, group);
    }
  });

  it('gets nothing from a segment that reads a hidden field', async () => {
    const segments = hidden.filter((member) => member === 'under_25');
    expect(segments).toEqual(['under_25']);
    const answer = await load(group, { measures: ['users.count'], segments: ['users.under_25'] });
    expect([0, `refused ${answer.status}`]).toContain(count(answer));
    expectNothingLearned(answer, 'under_25', group);
  });

  it('is refused /sql and /dry-run, which show the SQL and every member of the model', async () => {
    for (const endpoint of ['sql', 'dry-run']) {
      for (const query of [{ measures: ['users.count'] }, { dimensions: ['users.primary_identifier'] }]) {
        const answer = await restGet(server.api, endpoint, tokenOf(group), query);
        expect(answer.status, `${endpoint}: ${answer.text.slice(0, 300)}`).toBe(403);
        expectNothingLearned(answer, 'primary_identifier', group);
      }
    }
  });

  it('finds no hidden member in /meta, nor the cubes behind the views', async () => {
    const meta = await restGet(server.api, 'meta', tokenOf(group));
    expect(meta.status).toBe(200);
    const names = (meta.body.cubes as { name: string; measures: { name: string }[]; dimensions: { name: string }[]; segments: { name: string }[] }[])
      .flatMap((cube) => [cube.name, ...[...cube.measures, ...cube.dimensions, ...cube.segments].map((member) => member.name)]);
    expect(names).toContain('users.user_group');
    for (const member of hidden) expect(names).not.toContain(`users.${member}`);
    expect(names).not.toContain('user_details');
  });

  it('cannot reach a hidden member through the cube behind the view', async () => {
    const answer = await load(group, { dimensions: ['user_details.primary_identifier'] });
    expect(answer.status).not.toBe(200);
    expectNothingLearned(answer, 'primary_identifier', group);
  });
});

describe('a dashboard token', () => {
  it('sees only its campus, whatever filters it sends', async () => {
    const admin = await load('admin', { measures: ['users.count'], filters: [{ member: 'users.campus_code', operator: 'equals', values: [campus] }] });
    const own = Number(admin.body.data?.[0]?.['users.count']);
    expect(own).toBeGreaterThan(0);
    const attempts = [
      {},
      { filters: [{ member: 'users.campus_code', operator: 'notEquals', values: [campus] }] },
      { filters: [{ or: [{ member: 'users.campus_code', operator: 'equals', values: [campus] }, { member: 'users.campus_code', operator: 'notEquals', values: [campus] }] }] },
      { filters: [{ member: 'users.campus_code', operator: 'equals', values: [`${campus}' OR '1'='1`] }] },
    ];
    const counts = [];
    for (const filters of attempts) counts.push(count(await load('dashboard', { measures: ['users.count'], ...filters })));
    expect(counts).toEqual([own, 0, own, 0]);
  });

  it('is refused at the door without a campus claim, saying so', async () => {
    for (const token of [tokenFor(server, 'dashboard'), tokenFor(server, 'dashboard', [])]) {
      const answer = await restGet(server.api, 'load', token, { measures: ['users.count'] });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toContain('"campus" claim');
    }
  });
});
