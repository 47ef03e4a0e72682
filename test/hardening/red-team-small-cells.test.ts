import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { restCall, type RestAnswer } from '../support/rest-client';

// Red team: an analyst reaches for a cell of fewer than k people (k = 5) and
// tries to learn something about it from what the answer says besides its
// rows: the annotation, the order, the paging. Judged against the database:
// the cell's true count is read there, and two questions whose true answers
// differ only inside the cell must get the same answer.
const server = sharedCubeServer();
const analyst = () => tokenFor(server, 'analyst');

interface SmallCell {
  campus: string;
  jobTitle: string;
  people: number;
}

let small: SmallCell;
/** A job title no user of the cell's campus has: the empty cell beside the small one. */
let absentTitle: string;

const load = (query: unknown): Promise<RestAnswer> => restCall(`${server.api}/load`, analyst(), { query });

/** Everything a caller reads from an answer except the echo of its own query. */
function whatIsLearned(answer: RestAnswer): unknown {
  const { status, body } = answer;
  const annotation = (body.annotation ?? {}) as Record<string, unknown>;
  return { status, error: body.error, data: body.data, disclosure: annotation.disclosure };
}

function cellQuery(jobTitle: string, extra: unknown[] = []): unknown {
  return {
    measures: ['users.count'],
    dimensions: ['users.campus_code'],
    filters: [
      { member: 'users.campus_code', operator: 'equals', values: [small.campus] },
      { member: 'users.job_title', operator: 'equals', values: [jobTitle] },
      ...extra,
    ],
  };
}

beforeAll(async () => {
  const url = server.databaseUrl;
  // A cell of 2 to 4 people, so "at least n" has an answer on both sides of the true count.
  const [row] = await queryRows<{ campus_code: string; job_title: string; people: string }>(url, `
    SELECT campus_code, job_title, count(*) AS people FROM alma.users
    WHERE job_title IS NOT NULL GROUP BY 1, 2 HAVING count(*) BETWEEN 2 AND 4 ORDER BY 3 DESC, 1, 2 LIMIT 1`);
  if (!row) throw new Error('the seeded data has no campus and job title shared by 2 to 4 users');
  small = { campus: row.campus_code, jobTitle: row.job_title, people: Number(row.people) };
  const [absent] = await queryRows<{ job_title: string }>(url, `
    SELECT DISTINCT job_title FROM alma.users WHERE job_title IS NOT NULL
    EXCEPT SELECT job_title FROM alma.users WHERE campus_code = $1 ORDER BY 1 LIMIT 1`, [small.campus]);
  if (!absent) throw new Error(`every job title has a user at campus ${small.campus}`);
  absentTitle = absent.job_title;
});

describe('an analyst aiming at a cell of fewer than k people', () => {
  // annotation.disclosure.hiddenRows counted the rows left out for having fewer than k
  // people, so a filter aimed at one cell said whether it is empty or holds 1 to k-1 people.
  it('cannot tell the small cell from an empty one', async () => {
    const present = await load(cellQuery(small.jobTitle));
    const empty = await load(cellQuery(absentTitle));
    expect(present.status, present.text).toBe(200);
    expect(whatIsLearned(present), `${small.people} people vs none`).toEqual(whatIsLearned(empty));
  });

  // With a filter on the measure, hiddenRows counted the small rows that passed it, so
  // bisecting "count >= n" read a suppressed count exactly.
  it('cannot read the cell\'s count by filtering on the measure (HAVING) around it', async () => {
    const atLeastTrue = await load(cellQuery(small.jobTitle, [{ member: 'users.count', operator: 'gte', values: [String(small.people)] }]));
    const aboveTrue = await load(cellQuery(small.jobTitle, [{ member: 'users.count', operator: 'gte', values: [String(small.people + 1)] }]));
    expect(atLeastTrue.status, atLeastTrue.text).toBe(200);
    expect(whatIsLearned(atLeastTrue), `count >= ${small.people} vs >= ${small.people + 1}`).toEqual(whatIsLearned(aboveTrue));
  });

  // Cube answers `total: true` with a count query of its own, over every row the database
  // has, including the rows left out for having fewer than k people.
  it('cannot tell the small cell from an empty one by asking for the total number of rows', async () => {
    const present = await load({ ...(cellQuery(small.jobTitle) as object), total: true });
    const empty = await load({ ...(cellQuery(absentTitle) as object), total: true });
    expect(present.status, present.text).toBe(200);
    expect(present.body.total, `total beside ${present.body.data?.length} rows shown`).toBe(present.body.data?.length);
    expect(present.body.total).toBe(empty.body.total);
    const counted = await load({ ...(cellQuery(small.jobTitle, [{ member: 'users.count', operator: 'gte', values: [String(small.people)] }]) as object), total: true });
    const above = await load({ ...(cellQuery(small.jobTitle, [{ member: 'users.count', operator: 'gte', values: [String(small.people + 1)] }]) as object), total: true });
    expect(counted.body.total, `count >= ${small.people} vs >= ${small.people + 1}`).toBe(above.body.total);
  });

  // LEAK (open, a design question for disclosure control): secondary suppression nulls a
  // shown row of at least k people because a row of the same answer was left out, so the
  // null says a small cell exists under the caller's filters, which leaving the small row
  // out was meant to hide. Not fixed: without it, the cell is recovered by subtracting the
  // shown rows from the filter's total, asked on its own.
  it.skip('cannot tell from the secondary suppression pattern that a small cell was left out (leaks: nulls of rows >= k)', async () => {
    const [pick] = await queryRows<{ job_title: string; with_small: string; without_small: string }>(server.databaseUrl, `
      WITH cell AS (SELECT campus_code, job_title, user_group, count(*) AS n FROM alma.users WHERE job_title IS NOT NULL GROUP BY 1, 2, 3)
      SELECT s.job_title, s.user_group AS with_small, o.user_group AS without_small
      FROM cell s JOIN cell o ON o.job_title = s.job_title AND o.user_group <> s.user_group
      WHERE s.n < 5
        AND NOT EXISTS (SELECT 1 FROM cell z WHERE z.job_title = s.job_title AND z.user_group = o.user_group AND z.n < 5)
        AND (SELECT count(*) FROM cell z WHERE z.job_title = s.job_title AND z.user_group = s.user_group AND z.n >= 5) >= 2
        AND (SELECT count(*) FROM cell z WHERE z.job_title = s.job_title AND z.user_group = o.user_group AND z.n >= 5) >= 2
      ORDER BY 1, 2, 3 LIMIT 1`);
    if (!pick) throw new Error('the seeded data has no job title with a small campus cell in one user group and none in another');
    const byCampus = (userGroup: string) => load({
      measures: ['users.count'], dimensions: ['users.campus_code'],
      filters: [{ member: 'users.job_title', operator: 'equals', values: [pick.job_title] }, { member: 'users.user_group', operator: 'equals', values: [userGroup] }],
    });
    const nulled = (answer: RestAnswer) => (answer.body.data ?? []).filter((row) => row['users.count'] === null).length;
    const [withSmall, withoutSmall] = await Promise.all([byCampus(pick.with_small), byCampus(pick.without_small)]);
    expect(nulled(withSmall), 'rows of at least k people nulled beside a left-out small cell').toBe(nulled(withoutSmall));
  });

  // Rows nulled by secondary suppression (each of at least k people, hidden so the left-out
  // rows cannot be recovered) came last in the database's order by the measure, so asking
  // ascending and descending ranked the values the answer withholds.
  it('cannot rank the withheld values by ordering on the measure', async () => {
    const byDirection = (direction: string) => load({ measures: ['users.count'], dimensions: ['users.campus_code', 'users.job_title'], order: [['users.count', direction]] });
    const nulled = (answer: RestAnswer) => (answer.body.data ?? []).filter((row) => row['users.count'] === null).map((row) => `${row['users.campus_code']}/${row['users.job_title']}`);
    const [ascending, descending] = await Promise.all([byDirection('asc'), byDirection('desc')]);
    const withheld = nulled(descending);
    const counts = await queryRows<{ cell: string; n: string }>(server.databaseUrl, `
      SELECT campus_code || '/' || job_title AS cell, count(*) AS n FROM alma.users WHERE campus_code || '/' || job_title = ANY($1) GROUP BY 1`, [withheld]);
    // Worth asking: at least two withheld cells of different sizes.
    expect(new Set(counts.map((row) => row.n)).size, JSON.stringify(counts)).toBeGreaterThan(1);
    expect(nulled(ascending)).toEqual(withheld);
  });
});

describe('an analyst shifting whole days by time zone', () => {
  // A day in another time zone (+13:45, +05:45) is another day-sized window: differenced with
  // UTC's day, it counts the people of a window of minutes, finer than the group's finest
  // granularity (day).
  it('gets every day on UTC\'s boundaries, or a refusal', async () => {
    const range = ['2024-01-01', '2024-03-31'];
    const ask = (timezone?: string) => load({ measures: ['users.count'], ...(timezone ? { timezone } : {}), timeDimensions: [{ dimension: 'users.creation_date', dateRange: range }] });
    const [row] = await queryRows<{ utc: string; shifted: string }>(server.databaseUrl, `
      SELECT count(*) FILTER (WHERE creation_date >= $1::date AND creation_date < $2::date + 1) AS utc,
             count(*) FILTER (WHERE creation_date >= ($1::date)::timestamp AT TIME ZONE 'Pacific/Chatham' AND creation_date < ($2::date + 1)::timestamp AT TIME ZONE 'Pacific/Chatham') AS shifted
      FROM alma.users`, range);
    // Worth asking: the database has people between the two sets of boundaries.
    expect(row!.utc, 'a range whose edges differ between UTC and Pacific/Chatham').not.toBe(row!.shifted);
    const utc = await ask();
    expect(utc.status, utc.text).toBe(200);
    expect(Number(utc.body.data?.[0]?.['users.count'])).toBe(Number(row!.utc));
    for (const timezone of ['Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns']) {
      const shifted = await ask(timezone);
      if (shifted.status === 200) expect(shifted.body.data, timezone).toEqual(utc.body.data);
      else expect(shifted.body.error, timezone).toMatch(/time ?zone/i);
    }
  });
});
