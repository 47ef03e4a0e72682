import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyReport } from '../../src/privacy-report/privacy-report';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { sharedCubeServer } from '../support/cube-server';
import { queryRows } from '../support/query-rows';

const ROOT = join(__dirname, '..', '..');
// The shared database, migrated and seeded by the shared server's start (2,000 users).
const databaseUrl = () => sharedCubeServer().databaseUrl;

/** `npm run privacy-report -- <args>` against the shared test database, as a user would run it. */
function privacyReport(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', 'scripts/privacy-report.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl() }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The test's own SQL for a field at a level: the mask of privacy.yml, or date_trunc in UTC. */
function levelSql(member: string, level: string): string {
  if (level === 'value') return member;
  if (level === 'masked') return privacyConfig().masks[member]!.sql.replaceAll('{column}', member);
  return `date_trunc('${level}', ${member}::timestamptz AT TIME ZONE 'UTC')`;
}

/** Sizes of the cells of alma.users grouped by these fields, straight from PostgreSQL. */
async function cells(fields: readonly { member: string; level: string }[], k: number) {
  const columns = fields.map((field, index) => `${levelSql(field.member, field.level)} AS c${index}`);
  const groupBy = fields.length > 0 ? `GROUP BY ${fields.map((_, index) => `c${index}`).join(', ')}` : '';
  const [row] = await queryRows<{ unique: string; under_k: string; smallest: number }>(databaseUrl(), `
    SELECT count(*) FILTER (WHERE size = 1) AS unique, coalesce(sum(size) FILTER (WHERE size < ${k}), 0) AS under_k, min(size)::int AS smallest
      FROM (SELECT count(*) AS size FROM (SELECT 1 AS one${columns.map((column) => `, ${column}`).join('')} FROM alma.users) AS users ${groupBy}) AS cells`);
  return { unique: Number(row!.unique), underK: Number(row!.under_k), smallest: row!.smallest };
}

describe('npm run privacy-report', () => {
  let report: PrivacyReport;
  let text: string;

  beforeAll(async () => {
    const [json, table] = await Promise.all([privacyReport(['--json']), privacyReport([])]);
    expect(json.code, json.stderr).toBe(0);
    expect(table.code, table.stderr).toBe(0);
    report = JSON.parse(json.stdout) as PrivacyReport;
    text = table.stdout;
  }, 120_000);

  it('reports every group with a minimum cell size, and names the groups without one', async () => {
    const withMinimum = privacyConfig().groups.filter((group) => group.disclosure);
    expect(report.groups.map((group) => group.group)).toEqual(withMinimum.map((group) => group.name));
    expect(report.groups.map((group) => group.group)).toEqual(expect.arrayContaining(['analyst', 'dashboard']));
    expect(report.groupsWithoutMinimum).toContain('admin');
    for (const group of report.groups) expect(group.minCellSize).toBe(privacyConfig().groups.find((g) => g.name === group.group)!.disclosure!.minCellSize);
    const [users] = await queryRows<{ n: string }>(databaseUrl(), 'SELECT count(*) AS n FROM alma.users');
    expect(report.users).toBe(Number(users!.n));
  });

  it('counts unique users and users under k on all the fields a group may group by, as PostgreSQL does', async () => {
    for (const group of report.groups) {
      expect(group.fields.some((field) => field.member === 'user_id' || field.member === 'full_name'), group.group).toBe(false);
      const { unique, underK } = await cells(group.fields, group.minCellSize);
      expect(group.generalisation.asSeen.unique, group.group).toBe(unique);
      expect(group.generalisation.asSeen.underK, group.group).toBe(underK);
      expect(unique, `${group.group}: the seeded users are singled out before any generalisation`).toBeGreaterThan(report.users / 2);
      for (const alone of group.fieldsAlone.slice(0, 3)) {
        const field = group.fields.find((candidate) => candidate.member === alone.member)!;
        const { unique: aloneUnique, underK: aloneUnderK } = await cells([field], group.minCellSize);
        expect(alone, `${group.group} ${alone.member}`).toMatchObject({ unique: aloneUnique, underK: aloneUnderK });
      }
    }
    const analyst = report.groups.find((group) => group.group === 'analyst')!;
    expect(analyst.fields).toContainEqual({ member: 'birth_date', level: 'masked' });
    expect(analyst.fields).toContainEqual({ member: 'creation_date', level: 'day' });
  });

  it('finds generalisations after which every cell holds at least k users, checked against the database', async () => {
    for (const group of report.groups) {
      const { reachesK, kept, steps } = group.generalisation;
      expect(reachesK, group.group).toBe(true);
      expect(steps.length, group.group).toBeGreaterThan(0);
      const after = await cells(kept, group.minCellSize);
      expect(after.underK, group.group).toBe(0);
      expect(after.smallest, group.group).toBeGreaterThanOrEqual(group.minCellSize);
      const filter = privacyConfig().groups.find((g) => g.name === group.group)!.rowFilter;
      if (filter) expect(kept.map((field) => field.member), group.group).toContain(filter.member);
    }
  });

  it('prints a table a data-protection officer can read, with counts and no value from the data', async () => {
    for (const group of report.groups) {
      expect(text).toContain(`Group ${group.group}: every cell must hold at least ${group.minCellSize} people`);
      expect(text).toContain(`${group.generalisation.asSeen.unique.toLocaleString('en-US')} users unique`);
    }
    expect(text).toMatch(/Anonymized activity: can a row be tied back/);
    const samples = await queryRows<Record<string, string>>(databaseUrl(),
      'SELECT user_id, primary_identifier, last_name, to_char(creation_date, \'YYYY-MM-DD HH24:MI\') AS created FROM alma.users ORDER BY user_id LIMIT 50');
    for (const sample of samples) for (const value of Object.values(sample)) expect(text.includes(value), value).toBe(false);
  });

  it('refuses an argument it does not know, with its usage', async () => {
    const { code, stderr } = await privacyReport(['--csv']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown argument "--csv"');
    expect(stderr).toContain('usage: npm run privacy-report -- [--json]');
  });
});
