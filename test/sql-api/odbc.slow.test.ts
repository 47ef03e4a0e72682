import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './bi-corpus/classify-outcome';
import { corpus } from './bi-corpus/corpus';
import { expectationFor, hiddenMembersOf, minCellSizeOf } from './bi-corpus/group-expectations';
import { referenceFor } from './bi-corpus/reference-sources';
import { runReference, type Outcome } from './bi-corpus/run-statement';
import { queryRows } from '../support/query-rows';
import { sharedCubeServer, tokenFor } from '../support/cube-server';

// psqlODBC (Debian's odbc-postgresql), the driver Excel and Power BI use on Windows through
// ODBC, driven by unixODBC's isql: its connect-time catalog queries, SQLTables and SQLColumns
// (what Excel's navigator lists), statements over the server-side prepare (extended protocol,
// the default) and without it (simple protocol), and its errors. Answers are checked against
// the same question asked of PostgreSQL.
const server = sharedCubeServer();
const isqlMissing = spawnSync('isql', ['--version']).error !== undefined;

interface IsqlRun {
  /** Lines of the batch output: a header line then rows per statement, '|' between columns. */
  readonly lines: string[];
  /** Everything isql wrote, errors with their SQLSTATE in [brackets]. */
  readonly output: string;
  readonly status: number | null;
}

function isql(token: string, statements: readonly string[], options: { serverSidePrepare?: boolean } = {}): IsqlRun {
  const connection = [
    'Driver={PostgreSQL Unicode}', 'Server=127.0.0.1', `Port=${server.sqlPort}`, 'Database=db', 'Uid=odbc-test',
    `Pwd=${token}`, 'SSLMode=disable', `UseServerSidePrepare=${options.serverSidePrepare === false ? 0 : 1}`,
  ].join(';');
  const run = spawnSync('isql', ['-k', connection, '-b', '-v', '-c', '-d|'], {
    input: `${statements.join('\n')}\n`, encoding: 'utf8', timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  return { lines: run.stdout.split('\n').filter((line) => line !== ''), output, status: run.status };
}

// Skipped only where unixODBC's isql is not installed (CI installs it: .ci/run), and then says so.
if (isqlMissing) console.warn('odbc.slow.test.ts skipped: isql is not installed (apt-get install unixodbc odbc-postgresql)');

/** One statement through isql as an outcome: its rows as text (an empty value read as NULL), or the SQLSTATE it failed with. */
function outcomeOf(run: IsqlRun): Outcome {
  const failure = /\[([0-9A-Z]{5})\]([^\n]*)/.exec(run.output);
  if (failure) return { kind: 'error', code: failure[1]!, message: failure[2]! };
  const [header = '', ...rows] = run.lines;
  return { kind: 'rows', result: { columns: header.split('|'), rows: rows.map((line) => line.split('|').map((cell) => (cell === '' ? null : cell))) } };
}

describe.skipIf(isqlMissing)('the SQL API through psqlODBC and isql (skipped without isql: apt-get install unixodbc odbc-postgresql)', () => {
  it.each([true, false])('answers a GROUP BY as PostgreSQL does (server-side prepare: %s)', async (serverSidePrepare) => {
    const run = isql(tokenFor(server, 'admin'), ['SELECT user_group, MEASURE(count) AS users FROM users GROUP BY 1 ORDER BY 1'], { serverSidePrepare });
    const expected = await queryRows<{ user_group: string; users: string }>(server.databaseUrl,
      'SELECT user_group, count(*)::text AS users FROM alma.users GROUP BY 1 ORDER BY 1');
    expect(expected.length).toBeGreaterThan(1);
    expect(run.lines).toEqual(['user_group|users', ...expected.map((row) => `${row.user_group}|${row.users}`)]);
  });

  it('answers Excel\'s folded Group By over the "_" inner select', async () => {
    const run = isql(tokenFor(server, 'admin'), [
      'select "rows"."campus_code" as "campus_code", count(1) as "Count" from (select "_"."campus_code" from "public"."users" "_") "rows" group by "campus_code" order by "campus_code"',
    ]);
    const expected = await queryRows<{ campus_code: string; n: string }>(server.databaseUrl,
      'SELECT campus_code, count(1)::text AS n FROM alma.users GROUP BY 1 ORDER BY 1');
    expect(run.lines).toEqual(['campus_code|Count', ...expected.map((row) => `${row.campus_code}|${row.n}`)]);
  });

  it('lists the views as tables (SQLTables) and, for an analyst, no hidden column (SQLColumns)', () => {
    const run = isql(tokenFor(server, 'analyst'), ['help', 'help users']);
    const tables = run.lines.filter((line) => line.startsWith('db|public|') && line.split('|').length === 5).map((line) => line.split('|')[2]);
    expect(tables).toEqual(['fines_and_fees', 'fulfillment', 'resource_sharing', 'users']);
    const columns = run.lines.filter((line) => line.startsWith('db|public|users|')).map((line) => line.split('|')[3]!);
    expect(columns).toContain('user_group');
    for (const hidden of hiddenMembersOf('analyst')) expect(columns).not.toContain(hidden);
  });

  it('shows an analyst masked values and refuses a hidden column with 42703', () => {
    const run = isql(tokenFor(server, 'analyst'), ['SELECT gender, count(*) AS n FROM users GROUP BY 1', 'SELECT primary_identifier FROM users LIMIT 1']);
    expect(run.lines[0]).toBe('gender|n');
    expect(run.lines[1]).toMatch(/^Withheld\|\d+$/);
    expect(run.output).toContain('[42703]');
  });

  it.each(['admin', 'analyst'])('answers the Excel / Power Query corpus through ODBC without a wrong answer, as %s', async (group) => {
    // Excel's statements return no booleans and no empty texts, so isql's plain text output reads back unambiguously.
    const statements = corpus.filter((statement) => statement.tool === 'Excel / Power Query');
    const wrong: string[] = [];
    let correct = 0;
    for (const statement of statements) {
      const outcome = outcomeOf(isql(tokenFor(server, group), [statement.sql.replaceAll('\n', ' ')], { serverSidePrepare: statement.protocol === 'extended' }));
      const reference = await runReference(server.databaseUrl, referenceFor(statement.reference, group));
      const judgement = classifyOutcome(statement.compare, await expectationFor(statement, group), outcome, reference, minCellSizeOf(group));
      if (judgement.classification === 'correct') correct++;
      if (judgement.classification === 'wrong') wrong.push(`${statement.shape}: ${judgement.detail}`);
    }
    console.log(`ODBC, Excel / Power Query corpus as ${group}: ${correct} of ${statements.length} correct`);
    expect(wrong).toEqual([]);
  });

  it('refuses a wrong token at connect', () => {
    const run = isql('not-a-token', ['SELECT 1']);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/FATAL/);
  });
});
