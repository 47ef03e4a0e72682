import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseStatements } from '../../src/sql-api/translate/parse-sql';

beforeAll(() => loadParser());

// Each statement's text must be exactly that statement: the catalog PGlite runs it as text.
describe('statements split by the parse tree', () => {
  it('cuts statements after multi-byte text at their UTF-8 byte offsets', () => {
    const smuggled = "/*ééééééééééé*/; SELECT $q$ SELECT set_config('x', 'y', false) --$q$ AS a";
    const statements = parseStatements(smuggled);
    expect(statements.map((s) => s.sql)).toEqual(["SELECT $q$ SELECT set_config('x', 'y', false) --$q$ AS a"]);
    expect(statements[0]!.node.SelectStmt.targetList[0].ResTarget.val.A_Const.sval.sval).toBe(" SELECT set_config('x', 'y', false) --");
  });

  it('gives every statement its own text, whatever characters come before it', () => {
    const texts = ["SELECT 'é'", 'SELECT 1 /* 日本語 */', "SELECT '😀😀' AS \"ß\"", 'SELECT 2', "SELECT $x$;$x$"];
    const statements = parseStatements(texts.join('; '));
    expect(statements.map((s) => s.sql)).toEqual(texts);
    // Each text parses back to the same tree, alone.
    for (const [i, s] of statements.entries()) {
      expect(JSON.stringify(parseStatements(s.sql)[0]!.node).replace(/"location":\d+,?/g, ''))
        .toBe(JSON.stringify(s.node).replace(/"location":\d+,?/g, ''));
      expect(parseStatements(s.sql)).toHaveLength(1);
      expect(s.sql).toBe(texts[i]);
    }
  });

  it('keeps a last statement without a terminating semicolon whole', () => {
    expect(parseStatements('SELECT 1;   SELECT \'ü\' -- ä\n').map((s) => s.sql)).toEqual(['SELECT 1', "SELECT 'ü' -- ä"]);
  });
});
