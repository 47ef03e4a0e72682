import { describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restClient } from '../model/rest-client';
import { askRest, askSql, questionSql, type Answer, type GroupedQuestion } from './support/grouped-answers';
import { peoplePerCell, snapshotMembers } from './support/people-per-cell';

// Every cell an analyst or a dashboard is shown must aggregate at least k people, judged
// against the database (people counted here from the tables, apart from the model).
const server = sharedCubeServer();
const k = privacyConfig().groups.find((group) => group.name === 'analyst')!.disclosure!.minCellSize;
const CALLERS: [group: string, campus?: string[]][] = [['analyst'], ['dashboard', ['MAIN', 'MED']]];

const everySnapshotField = snapshotMembers().map((member) => ({ member }));
const BATTERY: (GroupedQuestion & { label: string; analystOnly?: boolean })[] = [
  {
    label: 'users by campus, job title, creation day and birth year', analystOnly: true, view: 'users', measures: ['count'],
    groupings: [{ member: 'campus_code' }, { member: 'job_title' }, { member: 'creation_date', granularity: 'day' }, { member: 'birth_date', granularity: 'year' }],
  },
  {
    label: 'users by group, status, campus and two statistical categories', view: 'users', measures: ['count', 'active_users'],
    groupings: [{ member: 'user_group' }, { member: 'status' }, { member: 'campus_code' }, { member: 'statistical_category_1' }, { member: 'statistical_category_2' }],
  },
  { label: 'users by job title and expiry month', view: 'users', measures: ['count'], groupings: [{ member: 'job_title' }, { member: 'expiry_date', granularity: 'month' }] },
  { label: 'loans by every snapshot field', view: 'fulfillment', measures: ['num_of_loans', 'num_of_renewals'], groupings: everySnapshotField },
  { label: 'fines and fees by every snapshot field', view: 'fines_and_fees', measures: ['num_of_fines_fees', 'original_amount'], groupings: everySnapshotField },
  {
    label: 'loans by group, loan day and library', view: 'fulfillment', measures: ['num_of_loans'],
    groupings: [{ member: 'user_group' }, { member: 'loan_date', granularity: 'day' }, { member: 'library_code' }],
  },
  {
    label: 'borrowing requests by campus, group and month', view: 'resource_sharing', measures: ['num_of_requests'],
    groupings: [{ member: 'campus_code' }, { member: 'user_group' }, { member: 'created_at', granularity: 'month' }],
  },
  { label: 'users listed by campus, job title and creation day (no measure)', view: 'users', measures: [], groupings: [{ member: 'campus_code' }, { member: 'job_title' }, { member: 'creation_date', granularity: 'day' }] },
];

/** Every cell the answer shows, with the people the database says it has. */
function shownCells(answer: Answer, people: Map<string, number>) {
  return answer.rows.map((row) => ({ ...row, people: people.get(row.key) }));
}

describe.each(CALLERS)('grouped answers to %s', (group, campus) => {
  const questions = BATTERY.filter((question) => !(question.analystOnly && group !== 'analyst'));

  it.each(questions.map((question) => [question.label, question] as const))('show no cell under k over REST: %s', async (_label, question) => {
    const [people, answer] = await Promise.all([
      peoplePerCell(server.databaseUrl!, question.view, question.groupings, campus),
      askRest(question, group, campus),
    ]);
    // The question is worth asking: the database has cells under k for it.
    expect([...people.values()].filter((count) => count < k).length).toBeGreaterThan(0);
    const shown = shownCells(answer, people);
    expect(shown.filter((cell) => cell.people === undefined)).toEqual([]);
    expect(shown.filter((cell) => cell.people! < k)).toEqual([]);
    expect(answer.disclosure?.minCellSize).toBe(k);
    // Users are counted exactly; activity by a lower bound, which may leave out a few more cells, never fewer.
    const underK = [...people.values()].filter((count) => count < k).length;
    if (question.view === 'users') expect(answer.disclosure?.hiddenRows).toBe(underK);
    else expect(answer.disclosure?.hiddenRows).toBeGreaterThanOrEqual(underK);
  });

  it.each(questions.map((question) => [question.label, question] as const))('show no cell under k over SQL: %s', async (_label, question) => {
    const [people, answer, overRest] = await Promise.all([
      peoplePerCell(server.databaseUrl!, question.view, question.groupings, campus),
      askSql(server, tokenFor(server, group, campus), questionSql(question), question.groupings.length),
      askRest(question, group, campus),
    ]);
    const shown = shownCells(answer, people);
    expect(shown.filter((cell) => cell.people === undefined)).toEqual([]);
    expect(shown.filter((cell) => cell.people! < k)).toEqual([]);
    // The same cells, the same values and the same nulls as over REST.
    const sorted = (rows: Answer['rows']) => rows.map((row) => JSON.stringify([row.key, row.values.map((v) => (v === null ? null : Number(v)))])).sort();
    expect(sorted(answer.rows)).toEqual(sorted(overRest.rows));
  });
});

describe('the per-person loan and fine cells of the snapshot fields', () => {
  it.each([['fulfillment', 'num_of_loans'], ['fines_and_fees', 'num_of_fines_fees']])('are gone from %s', async (view, measure) => {
    const people = await peoplePerCell(server.databaseUrl!, view, everySnapshotField);
    const lone = [...people.values()].filter((count) => count === 1).length;
    // As measured in the seeded data: most snapshot cells have one person.
    expect(lone).toBeGreaterThan(people.size / 2);
    const answer = await askRest({ view, measures: [measure], groupings: everySnapshotField }, 'analyst');
    expect(answer.rows.filter((row) => (people.get(row.key) ?? 0) < k)).toEqual([]);
    expect(answer.disclosure!.hiddenRows).toBeGreaterThanOrEqual(lone);
  });
});

describe('secondary suppression', () => {
  const question: GroupedQuestion = { view: 'users', measures: ['count'], groupings: [{ member: 'campus_code' }, { member: 'job_title' }] };

  it('leaves every margin that is shown with no hidden cell or at least two, so none is recovered by subtraction', async () => {
    const [people, answer] = await Promise.all([peoplePerCell(server.databaseUrl!, 'users', question.groupings), askRest(question, 'analyst')]);
    const visible = new Map(answer.rows.filter((row) => row.values[0] !== null).map((row) => [row.key, Number(row.values[0])]));
    const cells = [...people.entries()].map(([key, count]) => ({ coordinates: JSON.parse(key) as string[], count, hidden: !visible.has(key) }));
    expect(cells.filter((cell) => cell.count < k).length).toBeGreaterThan(0);
    for (const fixed of [[0], [1], []]) {
      const margins = new Map<string, typeof cells>();
      for (const cell of cells) {
        const key = JSON.stringify(fixed.map((index) => cell.coordinates[index]));
        margins.set(key, [...(margins.get(key) ?? []), cell]);
      }
      for (const [margin, members] of margins) {
        const total = members.reduce((sum, cell) => sum + cell.count, 0);
        const hidden = members.filter((cell) => cell.hidden);
        if (total < k) continue;
        expect({ margin, hidden: hidden.length }).not.toEqual({ margin, hidden: 1 });
      }
    }
  });

  it('keeps the visible counts exact and marks the nulled ones in annotation.disclosure', async () => {
    const [people, answer] = await Promise.all([peoplePerCell(server.databaseUrl!, 'users', question.groupings), askRest(question, 'analyst')]);
    const nulled = answer.rows.flatMap((row, index) => (row.values[0] === null ? [index] : []));
    expect(nulled.length).toBeGreaterThan(0);
    expect(answer.disclosure!.suppressedCells).toEqual(nulled.map((index) => [index, 'users.count']));
    for (const row of answer.rows) if (row.values[0] !== null) expect(Number(row.values[0])).toBe(people.get(row.key));
  });

  it('places suppressed rows where their hidden values cannot be read from: last, also in Cube\'s default order', async () => {
    const answer = await askRest(question, 'analyst');
    const values = answer.rows.map((row) => (row.values[0] === null ? null : Number(row.values[0])));
    const firstNull = values.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(values.slice(firstNull).every((value) => value === null)).toBe(true);
    const shown = values.slice(0, firstNull) as number[];
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });

  it('holds for the subtraction of a campus total from the visible cells of its row', async () => {
    const [cells, totals] = await Promise.all([askRest(question, 'analyst'), askRest({ ...question, groupings: [{ member: 'campus_code' }] }, 'analyst')]);
    const people = await peoplePerCell(server.databaseUrl!, 'users', question.groupings);
    for (const total of totals.rows) {
      const campus = JSON.parse(total.key)[0];
      const inRow = [...people.keys()].filter((key) => JSON.parse(key)[0] === campus);
      const visible = cells.rows.filter((row) => JSON.parse(row.key)[0] === campus && row.values[0] !== null);
      // What subtraction leaves is spread over at least two hidden cells, or none.
      expect(inRow.length - visible.length).not.toBe(1);
    }
  });
});

describe('filters on measures', () => {
  it('leave suppressed rows out: whether a hidden value passed the filter is not shown', async () => {
    const question: GroupedQuestion = { view: 'users', measures: ['count'], groupings: [{ member: 'campus_code' }, { member: 'job_title' }] };
    const [people, all, filtered] = await Promise.all([
      peoplePerCell(server.databaseUrl!, 'users', question.groupings),
      askRest(question, 'analyst'),
      askRest(question, 'analyst', undefined, { filters: [{ member: 'users.count', operator: 'gte', values: ['1'] }] }),
    ]);
    expect(all.rows.some((row) => row.values[0] === null)).toBe(true);
    expect(filtered.rows.filter((row) => row.values[0] === null)).toEqual([]);
    expect(filtered.rows.filter((row) => people.get(row.key)! < k)).toEqual([]);
    // The rows shown are exactly those shown with a value without the filter.
    expect(filtered.rows.map((row) => row.key).sort()).toEqual(all.rows.filter((row) => row.values[0] !== null).map((row) => row.key).sort());
  });
});

describe('queries that would list people', () => {
  it('refuses ungrouped REST queries with what to do instead', async () => {
    const { status, body } = await restClient('analyst').load({ dimensions: ['users.user_group', 'users.job_title'], ungrouped: true });
    expect(status).toBe(400);
    expect(body.error).toMatch(/Ungrouped queries list one row per person.*GROUP BY/);
  });

  it('refuses per-person SQL with what to do instead', async () => {
    await expect(askSql(server, tokenFor(server, 'analyst'), 'SELECT campus_code, job_title, creation_date FROM users', 0))
      .rejects.toThrow(/one row per (person|record)/);
  });

  it('answers SELECT * over loans with no row: each row is one loan, so one person', async () => {
    const answer = await askSql(server, tokenFor(server, 'analyst'), 'SELECT * FROM fulfillment', 0);
    expect(answer.rows).toEqual([]);
  });

  it('answers a filter down to fewer than k people, or to none, with the same null', async () => {
    const people = await peoplePerCell(server.databaseUrl!, 'users', [{ member: 'campus_code' }, { member: 'job_title' }]);
    const [smallKey] = [...people.entries()].find(([, count]) => count > 0 && count < k)!;
    const [campus, job] = JSON.parse(smallKey) as [string, string];
    const filtered = (jobTitle: string) => restClient('analyst').load({
      measures: ['users.count'],
      filters: [{ member: 'users.campus_code', operator: 'equals', values: [campus] }, { member: 'users.job_title', operator: 'equals', values: [jobTitle] }],
    });
    const [small, none] = await Promise.all([filtered(job), filtered('No such job title')]);
    expect(small.body.data).toEqual([{ 'users.count': null }]);
    expect(none.body.data).toEqual(small.body.data);
  });
});

describe('time fields for groups with a minimum cell size', () => {
  it('refuses a granularity finer than the finest over REST and SQL', async () => {
    const { status, body } = await restClient('analyst').load({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'hour' }] });
    expect(status).toBe(400);
    expect(body.error).toMatch(/cannot be grouped by hour.*finest granularity is day/);
    await expect(askSql(server, tokenFor(server, 'dashboard', ['MAIN']), "SELECT date_trunc('minute', loan_date), MEASURE(num_of_loans) FROM fulfillment GROUP BY 1", 1))
      .rejects.toThrow(/cannot be grouped by minute/);
  });

  it('returns a time field asked raw cut to the day, never as the timestamp', async () => {
    const { body } = await restClient('analyst').load({ measures: ['users.count'], dimensions: ['users.creation_date'] });
    expect(body.error).toBeUndefined();
    const values = (body.data as Record<string, string>[]).map((row) => row['users.creation_date']);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/T00:00:00\.000$/);
  });
});

describe('admin', () => {
  it('is unaffected: every cell, small ones included, exact and without a disclosure annotation', async () => {
    const question: GroupedQuestion = { view: 'users', measures: ['count'], groupings: [{ member: 'campus_code' }, { member: 'job_title' }] };
    const [people, answer] = await Promise.all([peoplePerCell(server.databaseUrl!, 'users', question.groupings), askRest(question, 'admin')]);
    expect(answer.disclosure).toBeUndefined();
    expect(new Map(answer.rows.map((row) => [row.key, Number(row.values[0])]))).toEqual(people);
  });
});
