import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { hiddenUserMembers } from './support/hidden-members';
import { attempt, withSqlSession } from './support/sql-api-session';

// Hidden columns through the catalog and every construct around it: the session's own
// catalog (pg_catalog, information_schema), whole-row references, JSON and XML
// functions, and filters that would bisect a value. No answer may name a hidden member
// or carry a real identifying value or an exact birth date. Judged against alma.users.
const server = sharedCubeServer();
let identifying = new Set<string>();
let exactBirthDates = new Set<string>();
let probeDate = '';

beforeAll(async () => {
  const people = await queryRows<{ full_name: string | null; primary_identifier: string | null; user_id: string; birth_date: string | null }>(
    server.databaseUrl,
    "SELECT full_name, primary_identifier, user_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM alma.users",
  );
  identifying = new Set(people.flatMap((p) => [p.full_name, p.primary_identifier, p.user_id]).filter((v): v is string => !!v && v.length > 3));
  exactBirthDates = new Set(people.map((p) => p.birth_date).filter((d): d is string => !!d && !d.endsWith('-01-01')));
  probeDate = [...exactBirthDates][0]!;
});

/** A cell as text; dates as YYYY-MM-DD in the client's time zone, as node-postgres parsed them. */
function cellText(value: unknown): string {
  if (!(value instanceof Date)) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${two(value.getMonth() + 1)}-${two(value.getDate())}`;
}

/** Dates in the answer that stand for a birth date: its birth_date-like columns and birth_date keys of JSON. */
function birthDatesIn(answer: { rows: unknown[][]; fields: string[] }): string[] {
  return answer.rows.flatMap((row) => row.flatMap((value, i) => {
    if (value === null) return [];
    const text = cellText(value);
    if (/birth|^(min|max|d)$/.test(answer.fields[i] ?? '')) return text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    return [...text.matchAll(/"birth_date"\s*:\s*"(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]!);
  }));
}

/** Statements that try to reach hidden columns without naming them as a plain column. */
function constructs(hidden: string[]): string[] {
  const [name = 'full_name'] = hidden;
  return [
    'SELECT * FROM users LIMIT 5',
    'SELECT users.* FROM users LIMIT 5',
    'SELECT u FROM users u LIMIT 5',
    'SELECT row_to_json(u) FROM users u LIMIT 5',
    'SELECT to_jsonb(u.*) FROM users u LIMIT 5',
    'SELECT json_agg(u) FROM users u',
    'SELECT * FROM user_details LIMIT 5',
    'SELECT * FROM public.user_details LIMIT 5',
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    "SELECT column_name FROM information_schema.column_privileges WHERE table_schema = 'public'",
    "SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'public.users'::regclass",
    'SELECT c.relname, c.relnatts FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \'public\'',
    'SELECT d.description FROM pg_catalog.pg_description d',
    "SELECT pg_catalog.pg_get_viewdef('public.users'::regclass)",
    "SELECT pg_catalog.col_description('public.users'::regclass, 1)",
    "SELECT query_to_xml('SELECT * FROM users', true, true, '')",
    "SELECT table_to_xml('users', true, true, '')",
    `SELECT ${name} FROM users LIMIT 5`,
    `SELECT "${name}" FROM public.users LIMIT 5`,
    `SELECT COUNT(DISTINCT ${name}) FROM users`,
    `SELECT user_group, COUNT(*) FROM users WHERE ${name} < 'M' GROUP BY 1`,
    `SELECT user_group, COUNT(*) FROM users WHERE length(${name}) > 3 GROUP BY 1`,
    'SELECT MIN(birth_date), MAX(birth_date) FROM users',
    'SELECT birth_date, COUNT(*) FROM users GROUP BY 1 ORDER BY 2 DESC LIMIT 20',
    "SELECT date_trunc('day', birth_date) AS d, COUNT(*) FROM users GROUP BY 1 LIMIT 20",
    `SELECT COUNT(*) AS n FROM users WHERE birth_date = '${probeDate}'`,
    `SELECT COUNT(*) AS n FROM users WHERE birth_date BETWEEN '${probeDate}' AND '${probeDate}'`,
    `SELECT COUNT(*) AS n FROM users WHERE birth_date = $1`,
    `SELECT COUNT(*) AS n FROM users WHERE CAST(birth_date AS date) = '${probeDate}'`,
  ];
}

describe.each([
  { group: 'analyst' },
  { group: 'dashboard', campus: ['MAIN'] },
])('a $group session', (caller) => {
  const hidden = hiddenUserMembers(caller.group).map((member) => member.slice(member.indexOf('.') + 1));

  it('reads no hidden column, identifying value or exact birth date through any construct', async () => {
    await withSqlSession(server, caller, async (client) => {
      let answered = 0;
      for (const text of constructs(hidden)) {
        const answer = await attempt(client, text, text.includes('$1') ? [probeDate] : undefined);
        if ('error' in answer) continue;
        answered++;
        for (const field of answer.fields) expect(hidden, `${text}: column ${field}`).not.toContain(field);
        const cells = answer.rows.flat().filter((v) => v !== null).map(cellText);
        for (const cell of cells) {
          for (const member of hidden) expect(cell, text).not.toMatch(new RegExp(`(^|[^a-z_])${member}([^a-z_]|$)`));
          for (const value of identifying) if (cell.includes(value)) expect.fail(`${text} answered an identifying value`);
        }
        for (const date of birthDatesIn(answer)) expect(exactBirthDates.has(date), `${text} answered the exact birth date ${date}`).toBe(false);
        // An exact birth date filters on the masked (or no) value: no person matches it.
        if (text.includes(probeDate)) expect(cells.map(Number).filter((n) => n > 0), text).toEqual([]);
      }
      // Some constructs answer (the catalog, * over the view): the checks above looked at rows.
      expect(answered).toBeGreaterThan(5);
    });
  });
});
