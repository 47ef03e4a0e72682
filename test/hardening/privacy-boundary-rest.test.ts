import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { expectRefusedLikeUnknown, NO_SUCH_MEMBER } from './support/boundary-answers';
import { hiddenUserMembers } from './support/hidden-members';
import { restGet, type RestAnswer } from './support/rest-client';

// Attacks on the privacy boundary as they were found, each judged against the
// database: the admin token shows the attack's query is live (it returns what the
// database holds), and the analyst and dashboard tokens get the same 400, in the
// same words, as for a member that does not exist.
const server = sharedCubeServer();
const GROUPS = ['analyst', 'dashboard'] as const;
let campus = '';

const tokenOf = (group: string) => tokenFor(server, group, group === 'dashboard' ? [campus] : undefined);
const load = (group: string, query: unknown) => restGet(server.api, 'load', tokenOf(group), query);
const countOf = (answer: RestAnswer, measure = 'users.count') => Number(answer.body.data?.[0]?.[measure]);

beforeAll(async () => {
  campus = (await queryRows<{ campus_code: string }>(server.databaseUrl, 'SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1'))[0]!.campus_code;
});

/** Every position a member can take in a Cube query, as a query naming `member` there. */
const POSITIONS: Record<string, (member: string) => Record<string, unknown>> = {
  measure: (member) => ({ measures: [member] }),
  dimension: (member) => ({ measures: ['users.count'], dimensions: [member] }),
  'time dimension with granularity': (member) => ({ measures: ['users.count'], timeDimensions: [{ dimension: member, granularity: 'year' }] }),
  'time dimension with only a dateRange': (member) => ({ measures: ['users.count'], timeDimensions: [{ dimension: member, dateRange: ['1941-06-11', '1941-06-11'] }] }),
  'time dimension with compareDateRange': (member) => ({ measures: ['users.count'], timeDimensions: [{ dimension: member, compareDateRange: [['1940-01-01', '1940-12-31'], ['1941-01-01', '1941-12-31']] }] }),
  'filter equals': (member) => ({ measures: ['users.count'], filters: [{ member, operator: 'equals', values: ['Female'] }] }),
  'filter lt (bisection)': (member) => ({ measures: ['users.count'], filters: [{ member, operator: 'lt', values: ['M'] }] }),
  'filter gte (bisection)': (member) => ({ measures: ['users.count'], filters: [{ member, operator: 'gte', values: ['M'] }] }),
  'filter inDateRange': (member) => ({ measures: ['users.count'], filters: [{ member, operator: 'inDateRange', values: ['1941-06-11', '1941-06-11'] }] }),
  'filter set': (member) => ({ measures: ['users.count'], filters: [{ member, operator: 'set' }] }),
  'filter under the legacy "dimension" key': (member) => ({ measures: ['users.count'], filters: [{ dimension: member, operator: 'set' }] }),
  'filter nested in or/and': (member) => ({ measures: ['users.count'], filters: [{ or: [{ member: 'users.user_group', operator: 'set' }, { and: [{ member, operator: 'notSet' }] }] }] }),
  segment: (member) => ({ measures: ['users.count'], segments: [member] }),
  'order as an object': (member) => ({ measures: ['users.count'], dimensions: ['users.user_group'], order: { [member]: 'asc' } }),
  'order as a list': (member) => ({ measures: ['users.count'], dimensions: ['users.user_group'], order: [[member, 'desc']] }),
  'filter of a total: true query': (member) => ({ measures: ['users.count'], total: true, filters: [{ member, operator: 'set' }] }),
  'filter of an ungrouped query': (member) => ({ dimensions: ['users.user_group'], ungrouped: true, limit: 10, filters: [{ member, operator: 'set' }] }),
};

/** Members each group may not name: hidden fields of the view, and everything of the cubes behind the views. */
function forbiddenMembers(group: string): string[] {
  const viewMembers = hiddenUserMembers(group).filter((member) => ['full_name', 'primary_identifier', 'under_25', 'gender', 'birth_date', 'average_age', 'user_id'].includes(member));
  return [
    ...viewMembers.map((member) => `users.${member}`),
    'users.average_age_masked', 'users.disclosure_people',
    'user_details.full_name', 'user_details.birth_date_unmasked', 'user_details.gender', 'user_details.under_25', 'user_details.count',
    'loans.full_name', 'loans.primary_identifier', 'fulfillment.user_id', 'fulfillment.full_name',
  ];
}

describe.each(GROUPS)('a %s token naming a member it may not see', (group) => {
  it('has view members to attack', () => {
    expect(forbiddenMembers(group)).toContain('users.full_name');
    expect(forbiddenMembers(group)).toContain('users.under_25');
  });

  it.each(Object.entries(POSITIONS))('as a %s is refused exactly like a member that does not exist', async (_position, queryWith) => {
    const unknown = await load(group, queryWith(NO_SUCH_MEMBER));
    for (const member of forbiddenMembers(group)) {
      expectRefusedLikeUnknown(await load(group, queryWith(member)), unknown, member);
    }
  });

  it('in a join hint is refused exactly like a cube that does not exist', async () => {
    const unknown = await load(group, { measures: ['users.count'], joinHints: [['users', 'no_such_cube']] });
    for (const cube of ['user_details', 'loans']) {
      const hinted = await load(group, { measures: ['users.count'], joinHints: [['users', cube]] });
      expectRefusedLikeUnknown(hinted, unknown, cube, 'no_such_cube');
    }
  });

  it('in each query of a blending (list) query is refused', async () => {
    const answer = await load(group, [{ measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', granularity: 'year' }] },
      { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', granularity: 'year' }], filters: [{ member: 'user_details.full_name', operator: 'set' }] }]);
    expect(answer.status, answer.text.slice(0, 300)).toBe(400);
  });

  it('is refused member expressions over REST', async () => {
    const answer = await load(group, { measures: ['users.count'], dimensions: [{ cubeName: 'users', name: 'x', expression: 'user_details.full_name', definition: 'x' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
  });

  it('is offered only members it may see as "did you mean"', async () => {
    const hidden = new Set(forbiddenMembers(group));
    for (const typo of ['users.full_nam', 'users.primary_identifer', 'users.birth_dat', 'users.user_gruop', 'user_details.full_name']) {
      const answer = await load(group, { measures: ['users.count'], dimensions: [typo] });
      expect(answer.status).toBe(400);
      const hint = String(answer.body.error).split('Did you mean')[1] ?? '';
      for (const suggested of hint.match(/"[a-z_]+\.[a-z0-9_]+"/g) ?? []) {
        expect(hidden.has(suggested.slice(1, -1)), `${typo} suggested ${suggested}`).toBe(false);
      }
    }
    const typo = await load(group, { measures: ['users.count'], dimensions: ['users.user_gruop'] });
    expect(typo.body.error).toContain('Did you mean "users.user_group"');
  });

  it('is told when a dimension it may see is sent as a measure', async () => {
    const answer = await load(group, { measures: ['users.user_group'] });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('users.user_group is a dimension, not a measure');
  });

  it('is told which views have a member it names without its view, and of a hidden one only what an unknown name gets', async () => {
    const count = await load(group, { measures: ['count'] });
    expect(count.status).toBe(400);
    expect(count.body.error).toBe('"count" needs the name of its view in front: ask for "users.count"; GET /cubejs-api/v1/meta lists the members you can query.');
    const userGroup = await load(group, { measures: ['users.count'], dimensions: ['user_group'] });
    expect(userGroup.body.error).toContain('ask for "fines_and_fees.user_group", "fulfillment.user_group", "resource_sharing.user_group" or "users.user_group"');
    const unknown = await load(group, { measures: ['users.count'], dimensions: ['no_such_member'] });
    for (const hidden of ['full_name', 'primary_identifier', 'user_id', 'birth_date_unmasked', 'disclosure_people']) {
      expectRefusedLikeUnknown(await load(group, { measures: ['users.count'], dimensions: [hidden] }), unknown, hidden, 'no_such_member');
    }
  });
});

describe('the attacks of the privacy review, judged against the database', () => {
  it('exact birth dates through user_details.birth_date_unmasked: refused', async () => {
    const { day, n } = (await queryRows<{ day: string; n: number }>(server.databaseUrl,
      "SELECT to_char(birth_date, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM alma.users WHERE birth_date IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"))[0]!;
    const through = (member: string) => ({ measures: ['users.count'], filters: [{ member, operator: 'inDateRange', values: [day, day] }] });
    // The attack's query is live: through a member admins may name, it counts exactly the people born that day.
    expect(countOf(await load('admin', through('user_details.birth_date')))).toBe(n);
    for (const group of GROUPS) {
      const unknown = await load(group, through(NO_SUCH_MEMBER));
      expectRefusedLikeUnknown(await load(group, through('user_details.birth_date_unmasked')), unknown, 'user_details.birth_date_unmasked');
      expectRefusedLikeUnknown(await load(group, through('user_details.birth_date')), unknown, 'user_details.birth_date');
    }
  });

  it('bisecting a name or an identifier with lt/gte: refused', async () => {
    const { pivot } = (await queryRows<{ pivot: string }>(server.databaseUrl, 'SELECT full_name AS pivot FROM alma.users ORDER BY full_name OFFSET 700 LIMIT 1'))[0]!;
    const { below } = (await queryRows<{ below: number }>(server.databaseUrl, 'SELECT count(*)::int AS below FROM alma.users WHERE full_name < $1', [pivot]))[0]!;
    const bisect = (member: string, operator: string) => ({ measures: ['users.count'], filters: [{ member, operator, values: [pivot] }] });
    expect(countOf(await load('admin', bisect('user_details.full_name', 'lt')))).toBe(below);
    for (const group of GROUPS) {
      const unknown = await load(group, bisect(NO_SUCH_MEMBER, 'lt'));
      for (const member of ['user_details.full_name', 'user_details.primary_identifier', 'user_details.external_id', 'user_details.identifier_1', 'users.full_name', 'users.external_id']) {
        for (const operator of ['lt', 'gte']) {
          const answer = await load(group, bisect(member, operator));
          expect(answer.status, `${group} ${member} ${operator}`).toBe(400);
          expectRefusedLikeUnknown(answer, unknown, member);
        }
      }
    }
  });

  it("one person's loans through loans.full_name / loans.primary_identifier with ungrouped: refused", async () => {
    const [person] = await queryRows<{ full_name: string; primary_identifier: string; n: number }>(server.databaseUrl,
      'SELECT full_name, primary_identifier, count(*)::int AS n FROM alma.loans WHERE full_name IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1');
    const loansOf = (member: string, value: string) => ({
      dimensions: ['fulfillment.loan_date', 'fulfillment.library_code'], ungrouped: true, limit: 500,
      filters: [{ member, operator: 'equals', values: [value] }],
    });
    const admin = await load('admin', loansOf('loans.full_name', person!.full_name));
    expect(admin.body.data?.length, admin.text.slice(0, 300)).toBe(person!.n);
    for (const group of GROUPS) {
      const unknown = await load(group, loansOf(NO_SUCH_MEMBER, person!.full_name));
      for (const [member, value] of [['loans.full_name', person!.full_name], ['loans.primary_identifier', person!.primary_identifier], ['fulfillment.full_name', person!.full_name]] as const) {
        expectRefusedLikeUnknown(await load(group, loansOf(member, value)), unknown, member);
      }
    }
  });

  it('real genders for a dashboard (user_details.gender, users.gender): refused', async () => {
    const { n } = (await queryRows<{ n: number }>(server.databaseUrl, "SELECT count(*)::int AS n FROM alma.users WHERE gender = 'Female'"))[0]!;
    const byGender = (member: string) => ({ measures: ['users.count'], filters: [{ member, operator: 'equals', values: ['Female'] }] });
    expect(countOf(await load('admin', byGender('users.gender')))).toBe(n);
    const unknown = await load('dashboard', byGender(NO_SUCH_MEMBER));
    for (const member of ['user_details.gender', 'users.gender']) expectRefusedLikeUnknown(await load('dashboard', byGender(member)), unknown, member);
  });

  it('the under_25 segment, which reads birth dates: refused to both groups', async () => {
    const { n } = (await queryRows<{ n: number }>(server.databaseUrl, "SELECT count(*)::int AS n FROM alma.users WHERE birth_date > current_date - interval '25 years'"))[0]!;
    expect(countOf(await load('admin', { measures: ['users.count'], segments: ['users.under_25'] }))).toBe(n);
    for (const group of GROUPS) {
      const unknown = await load(group, { measures: ['users.count'], segments: ['users.no_such_segment'] });
      for (const segment of ['users.under_25', 'user_details.under_25']) {
        expectRefusedLikeUnknown(await load(group, { measures: ['users.count'], segments: [segment] }), unknown, segment, 'users.no_such_segment');
      }
    }
  });
});

describe('masked members for an analyst filter on their masked values only', () => {
  it('an exact birth date matches nobody, whether as a filter or a time dimension\'s dateRange; real genders match nobody', async () => {
    const { day, n } = (await queryRows<{ day: string; n: number }>(server.databaseUrl,
      "SELECT to_char(birth_date, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM alma.users WHERE extract(doy FROM birth_date) > 1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"))[0]!;
    expect(n).toBeGreaterThan(0);
    const asFilter = await load('analyst', { measures: ['users.count'], filters: [{ member: 'users.birth_date', operator: 'inDateRange', values: [day, day] }] });
    const asRange = await load('analyst', { measures: ['users.count'], timeDimensions: [{ dimension: 'users.birth_date', dateRange: [day, day] }] });
    const female = await load('analyst', { measures: ['users.count'], filters: [{ member: 'users.gender', operator: 'equals', values: ['Female'] }] });
    for (const answer of [asFilter, asRange, female]) {
      // Refused, or answered over the masked values: nobody's masked birth date is that day, nobody's masked gender is Female.
      if (answer.status === 200) expect(countOf(answer) || 0, answer.text.slice(0, 200)).toBe(0);
      else expect(answer.status).toBe(400);
    }
  });
});

describe('the mask of average age for an analyst, in every query form', () => {
  const MASKED_AGE = "date_part('year', age(current_date, date_trunc('year', birth_date)::date))";
  const REAL_AGE = "date_part('year', age(current_date, birth_date))";

  it('ungrouped rows give masked ages or are refused, never the real ones', async () => {
    const ages = async (expression: string) => (await queryRows<{ age: number }>(server.databaseUrl,
      `SELECT ${expression}::float8 AS age FROM alma.users WHERE birth_date IS NOT NULL AND user_group = 'Faculty' ORDER BY 1`)).map((row) => row.age);
    const [masked, real] = [await ages(MASKED_AGE), await ages(REAL_AGE)];
    // Someone not yet past their birthday this year: the real and the masked ages differ.
    expect(real).not.toEqual(masked);
    const answer = await load('analyst', {
      measures: ['users.average_age'], dimensions: ['users.user_group'], ungrouped: true, limit: 50_000,
      filters: [{ member: 'users.user_group', operator: 'equals', values: ['Faculty'] }, { member: 'users.birth_date', operator: 'set' }],
    });
    if (answer.status === 200) {
      const got = (answer.body.data ?? []).map((row) => Number(row['users.average_age'])).sort((a, b) => a - b);
      expect(got).toEqual(masked);
    } else {
      expect(answer.status, answer.text.slice(0, 300)).toBe(400);
    }
  });

  it('grouped, with total: true and with compareDateRange, the average is over masked birth dates', async () => {
    const [truth] = await queryRows<{ all: number; early: number; late: number }>(server.databaseUrl, `SELECT
      avg(${MASKED_AGE})::float8 AS all,
      avg(${MASKED_AGE}) FILTER (WHERE status_date >= '2000-01-01' AND status_date < '2016-01-01')::float8 AS early,
      avg(${MASKED_AGE}) FILTER (WHERE status_date >= '2016-01-01' AND status_date < '2031-01-01')::float8 AS late
      FROM alma.users`);
    const plain = await load('analyst', { measures: ['users.average_age'] });
    expect(countOf(plain, 'users.average_age')).toBeCloseTo(truth!.all, 6);
    // total: true also counts the rows of the unlimited query; each row's average must still be masked.
    const perGroup = await queryRows<{ user_group: string; age: number }>(server.databaseUrl,
      `SELECT user_group, avg(${MASKED_AGE})::float8 AS age FROM alma.users GROUP BY 1`);
    const total = await load('analyst', { measures: ['users.average_age'], dimensions: ['users.user_group'], total: true });
    expect(total.status, total.text.slice(0, 300)).toBe(200);
    expect((total.body as { total?: number }).total).toBe(perGroup.length);
    for (const row of total.body.data ?? []) {
      const truth = perGroup.find((candidate) => candidate.user_group === row['users.user_group']);
      expect(Number(row['users.average_age'])).toBeCloseTo(truth!.age, 6);
    }
    // Cube answers a compareDateRange query only to clients that say they take several results.
    const compareQuery = JSON.stringify({
      measures: ['users.average_age'],
      timeDimensions: [{ dimension: 'users.status_date', compareDateRange: [['2000-01-01', '2015-12-31'], ['2016-01-01', '2030-12-31']] }],
    });
    const compared = await restGet(server.api, 'load', tokenOf('analyst'), undefined, `query=${encodeURIComponent(compareQuery)}&queryType=multi`);
    expect(compared.status, compared.text.slice(0, 300)).toBe(200);
    const results = (compared.body as { results?: { data: Record<string, unknown>[] }[] }).results ?? [];
    expect(results.map((result) => Number(result.data[0]?.['users.average_age']))).toEqual([
      expect.closeTo(truth!.early, 6), expect.closeTo(truth!.late, 6),
    ]);
  });
});
