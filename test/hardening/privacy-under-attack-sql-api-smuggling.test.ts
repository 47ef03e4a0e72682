import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer } from '../support/cube-server';
import { attempt, openSqlSession, withSqlSession, type SqlCaller } from './support/sql-api-session';

// Statement smuggling: text before a `;` whose UTF-8 length differs from its length in
// characters, then a harmless-looking SELECT whose dollar-quoted constant holds other SQL.
// A splitter that mixes byte and character offsets would hand the catalog database the
// quoted SQL. Whatever the splitter does, that SQL must not create, change or set anything:
// another session of the same caller looks for every trace of it in the catalog.
const server = sharedCubeServer();
const RUN = `smuggled_${process.pid}_${Date.now().toString(36)}`;

/** Characters and how many more UTF-8 bytes than UTF-16 code units each one takes. */
const WIDE = { 'é': 1, 'ß': 1, '中': 2, '😀': 2, '𝐀': 2 } as const;

/** `shift` extra bytes made of `char`, topped up with é when `char` is wider than what is left. */
function padding(char: keyof typeof WIDE, shift: number): string {
  const n = Math.floor(shift / WIDE[char]);
  return char.repeat(n) + 'é'.repeat(shift - n * WIDE[char]);
}

/** A statement that a byte/character mix-up would cut so that `payload` runs alone. */
function smuggle(prefix: (pad: (char: keyof typeof WIDE) => string) => string, payload: string, tag = 'q'): string {
  const head = ` SELECT $${tag}$`;
  return `${prefix((char) => padding(char, head.length))};${head}${payload} --$${tag}$ AS a`;
}

const SHAPES: Record<string, (payload: string) => string> = {
  'the reported shape (é in a block comment)': (p) => smuggle((pad) => `/*${pad('é')}*/`, p),
  'emoji in a block comment': (p) => smuggle((pad) => `/*${pad('😀')}*/`, p),
  'CJK in a line comment': (p) => smuggle((pad) => `-- ${pad('中')}\n`, p),
  'astral letters in nested comments': (p) => smuggle((pad) => `/* outer /* ${pad('𝐀')} */ still a comment */`, p),
  'a string literal before the semicolon': (p) => smuggle((pad) => `SELECT '${pad('é')}' AS x`, p),
  'a dollar-quoted constant before the semicolon': (p) => smuggle((pad) => `SELECT $t$${pad('ß')}$t$ AS x`, p),
  'a quoted identifier before the semicolon': (p) => smuggle((pad) => `SELECT 1 AS "${pad('中')}"`, p),
  'a longer dollar tag': (p) => smuggle((pad) => `/*${pad('😀')}*/`, p, 'smuggle'),
};

/** SQL that would leave a trace named after `marker` in the catalog if it ran. */
function payloads(marker: string): string[] {
  return [
    `CREATE TABLE public.${marker}_table (a int)`,
    `CREATE TEMP TABLE ${marker}_temp (a int)`,
    `CREATE FUNCTION public.${marker}_function() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
    `CREATE FUNCTION public.jsonb_to_recordset(j jsonb) RETURNS SETOF record LANGUAGE sql AS 'SELECT NULL::record /* ${marker}_shadow */'`,
    `DO $d$ BEGIN EXECUTE 'CREATE TABLE public.${marker}_do (a int)'; END $d$`,
    `SELECT set_config('search_path', '${marker}_path, pg_catalog, public', false)`,
    `SELECT set_config('application_name', '${marker}_setting', false)`,
    `SET search_path = ${marker}_set, public`,
    `CREATE SCHEMA ${marker}_schema`,
    `ALTER TABLE public.users ADD COLUMN ${marker}_column text`,
    `COMMENT ON TABLE public.users IS '${marker}_comment'`,
    `CREATE ROLE ${marker}_role SUPERUSER`,
  ];
}

/** Every trace a payload could leave, as the names that carry `pattern`. */
const TRACES = `
  SELECT 'relation ' || relname FROM pg_catalog.pg_class WHERE relname LIKE $1
  UNION ALL SELECT 'function ' || proname FROM pg_catalog.pg_proc WHERE proname LIKE $1 OR prosrc LIKE $1
  UNION ALL SELECT 'schema ' || nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE $1
  UNION ALL SELECT 'column ' || attname FROM pg_catalog.pg_attribute WHERE attname LIKE $1
  UNION ALL SELECT 'role ' || rolname FROM pg_catalog.pg_roles WHERE rolname LIKE $1
  UNION ALL SELECT 'comment ' || description FROM pg_catalog.pg_description WHERE description LIKE $1
  UNION ALL SELECT 'setting ' || name || ' = ' || setting FROM pg_catalog.pg_settings WHERE setting LIKE $1`;

async function traces(client: pg.Client, pattern: string): Promise<string[]> {
  const answer = await attempt(client, TRACES, [pattern]);
  if ('error' in answer) throw new Error(`the trace probe failed: ${answer.error.message}`);
  return answer.rows.map((row) => String(row[0]));
}

const CALLERS: SqlCaller[] = [{ group: 'analyst' }, { group: 'dashboard', campus: ['MAIN'] }, { group: 'admin' }];

describe.each(CALLERS)('statements smuggled by a $group session', (caller) => {
  let witness: pg.Client;
  let pathBefore = '';

  beforeAll(async () => {
    // A second session of the same caller, open throughout: it shares the attacker's catalog if anyone does.
    witness = await openSqlSession(server, caller);
    const path = await attempt(witness, "SELECT pg_catalog.current_setting('search_path')");
    if ('error' in path) throw path.error;
    pathBefore = String(path.rows[0]?.[0]);
  });
  afterAll(async () => {
    await witness?.end();
  });

  it('the trace probe finds what is there (the views of the catalog)', async () => {
    expect(await traces(witness, 'users')).toContain('relation users');
  });

  it.each(Object.entries(SHAPES))('leave no trace: %s', async (shape, wrap) => {
    const marker = `${RUN}_${caller.group}_${Object.keys(SHAPES).indexOf(shape)}`;
    await withSqlSession(server, caller, async (attacker) => {
      for (const payload of payloads(marker)) {
        const text = wrap(payload);
        await attempt(attacker, text);
        // The same text as one statement of the extended protocol.
        await attempt(attacker, text, []);
      }
      // Seen from the attacking session itself, from its twin, and from a fresh session.
      expect(await traces(attacker, `%${marker}%`)).toEqual([]);
      expect(await traces(witness, `%${marker}%`)).toEqual([]);
      await withSqlSession(server, caller, async (fresh) => expect(await traces(fresh, `%${marker}%`)).toEqual([]));
      const path = await attempt(witness, "SELECT pg_catalog.current_setting('search_path')");
      expect(path).toEqual({ rows: [[pathBefore]], fields: ['current_setting'] });
      // And the attacker's session still answers.
      expect(await attempt(attacker, 'SELECT COUNT(*) AS n FROM users')).toMatchObject({ fields: ['n'] });
    });
  });
});
