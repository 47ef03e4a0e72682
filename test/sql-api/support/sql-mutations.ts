import type { SeededRandom } from './seeded-random';

/** Valid queries the fuzzer starts from: data, expressions, catalog and session statements. */
export const CORPUS = [
  'SELECT user_group, COUNT(*) FROM users GROUP BY 1 ORDER BY 1',
  "SELECT date_trunc('month', creation_date) AS m, MEASURE(count) FROM users WHERE status = 'Active' GROUP BY 1 ORDER BY 1 LIMIT 10",
  "SELECT user_group, campus_code, COUNT(*) FROM users WHERE user_group ILIKE '%grad%' OR campus_code <> 'MAIN' GROUP BY 1, 2 HAVING COUNT(*) > 2",
  'SELECT * FROM fulfillment LIMIT 5',
  'SELECT fee_status, SUM(original_amount), COUNT(*) * 2 AS twice FROM fines_and_fees GROUP BY 1',
  "SELECT CASE WHEN COUNT(*) > 10 THEN 'many' ELSE 'few' END, upper(user_group) FROM users GROUP BY user_group",
  'SELECT user_group, rank() OVER (ORDER BY COUNT(*) DESC) FROM users GROUP BY 1',
  'SELECT t.user_group FROM (SELECT user_group, COUNT(*) AS c FROM users GROUP BY 1) t WHERE t.c > 5',
  "SELECT creation_date FROM users WHERE creation_date BETWEEN '2024-01-01' AND '2024-12-31' LIMIT 3",
  "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
  'SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \'public\'',
  "SET application_name = 'fuzz'; SHOW application_name; SELECT version()",
  'SELECT current_schema(), current_database(), 1 + 1',
  'BEGIN; SELECT 1; COMMIT',
  // Smuggling: text whose UTF-8 length differs from its length in characters before a `;`, then SQL
  // in a dollar-quoted constant. It must stay a constant: the test looks for fuzz_planted afterwards.
  `/*${'\u00e9'.repeat(11)}*/; SELECT $q$CREATE TABLE public.fuzz_planted (a int) --$q$ AS a`,
  `/*${'\u{1F600}'.repeat(5)}\u00e9*/; SELECT $q$SELECT set_config('search_path', 'fuzz_planted, public', false) --$q$ AS a`,
  `-- ${'\u4e2d'.repeat(5)}\u00e9\n; SELECT $q$DO $d$ BEGIN EXECUTE 'CREATE TABLE public.fuzz_planted_do (a int)'; END $d$ --$q$ AS a`,
  `/* a /* ${'\u{1D400}'.repeat(5)}\u00e9 */ b */; SELECT $q$CREATE FUNCTION public.fuzz_planted() RETURNS int LANGUAGE sql AS 'SELECT 1' --$q$ AS a`,
  `SELECT $t$${'\u00df'.repeat(11)}$t$ AS x; SELECT $q$CREATE SCHEMA fuzz_planted --$q$ AS a`,
  "SELECT '\u00f1and\u00fa', '\u65e5\u672c\u8a9e', '\u{1F642}' AS \"\u00e9\", user_group FROM users WHERE user_group <> '\u03a9mega' GROUP BY user_group",
];

const TOKENS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'UNION', 'WITH', 'AND', 'OR', 'NOT',
  'NULL', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'END', 'OVER', '(', ')', ',', '*', ';', "'", '"', '--', '/*', '*/',
  '$1', '$2', '$$', '::text', '::numeric', '1e308', '-1', '0', '99999999999999999999', "'2024-13-45'", "'\\x00'", 'users',
  'fulfillment', 'pg_class', 'count', 'user_group', 'primary_identifier', 'full_name', 'email', 'MEASURE(count)', 'COUNT(*)',
  "date_trunc('eon', creation_date)", 'pg_sleep(5)', 'generate_series(1, 3)', '__user', 'SUM(count)', '\u0000', '\u00e9\u4e2d',
  '\u{1F600}', '\u{1D400}', '\u00e9'.repeat(11), '/* /* */ */', '$q$', '$t$', '$q$CREATE TABLE public.fuzz_planted (a int) --$q$',
];

/** One random change to a query: delete, insert, duplicate, swap or truncate. */
export function mutate(sql: string, random: SeededRandom): string {
  const words = sql.split(/(\s+)/);
  switch (random.int(6)) {
    case 0: {
      const at = random.int(sql.length);
      return sql.slice(0, at) + sql.slice(at + 1 + random.int(8));
    }
    case 1: {
      const at = random.int(words.length + 1);
      return [...words.slice(0, at), ` ${random.pick(TOKENS)} `, ...words.slice(at)].join('');
    }
    case 2: {
      const at = random.int(words.length);
      return [...words.slice(0, at), words[at], ' ', ...words.slice(at)].join('');
    }
    case 3: {
      const a = random.int(words.length);
      const b = random.int(words.length);
      const copy = [...words];
      [copy[a], copy[b]] = [copy[b]!, copy[a]!];
      return copy.join('');
    }
    case 4:
      return sql.slice(0, random.int(sql.length));
    default:
      return sql.replace(/'[^']*'/, `'${random.pick(TOKENS)}'`);
  }
}

/** A statement made of random tokens. */
export function randomStatement(random: SeededRandom): string {
  return Array.from({ length: 1 + random.int(14) }, () => random.pick(TOKENS)).join(' ');
}
