import { describe, expect, it } from 'vitest';
import { redactSqlLiterals } from '../../src/native/redact-sql-literals';

describe('redactSqlLiterals', () => {
  it('replaces every string literal and keeps the statement shape', () => {
    expect(redactSqlLiterals("SELECT * FROM users WHERE last_name = 'O''Brien' AND campus_code IN ('MAIN', 'MED')"))
      .toBe("SELECT * FROM users WHERE last_name = 'redacted' AND campus_code IN ('redacted', 'redacted')");
  });

  it('handles escape strings and dollar quoting', () => {
    expect(redactSqlLiterals("SELECT E'it\\'s', $$secret$$, $tag$x$tag$")).toBe("SELECT E'redacted', 'redacted', 'redacted'");
  });

  it('leaves quoted identifiers, comments and numbers alone', () => {
    const sql = 'SELECT "first_name", 42 -- it\'s a comment\nFROM users /* \'x\' */';
    expect(redactSqlLiterals(sql)).toBe(sql);
  });

  it('redacts an unterminated literal to its end', () => {
    expect(redactSqlLiterals("SELECT 'half")).toBe("SELECT 'redacted'");
  });
});
