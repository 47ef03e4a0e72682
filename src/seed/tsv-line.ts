import { COPY_NULL } from './copy-text';

/** Values by column name, in COPY text form; null for NULL. */
export type TextValues = Record<string, string | null>;

const SAFE_MEMBER = /^[a-z][a-z0-9_]*$/;

/**
 * Compiles a function that joins `values[column]` for `columns` into one COPY
 * text line (without the newline). Generated once per run from the field list
 * or the snapshot list, because a loop over 54 dynamic keys per row costs
 * more than the whole rest of a row's generation. An array literal joined
 * once makes one flat string; a `+` chain of the values leaves an
 * intermediate string per value for the GC, and generated measurably slower.
 */
export function compileTsvLine(columns: readonly string[]): (values: TextValues) => string {
  for (const column of columns) if (!SAFE_MEMBER.test(column)) throw new Error(`"${column}" is not a column name`);
  const items = columns.map((column) => `v.${column} ?? N`).join(', ');
  return new Function('N', `return (v) => [${items}].join('\\t');`)(COPY_NULL) as (values: TextValues) => string;
}

/** Compiles a factory of `{ column: null, ... }` for `columns`, an object V8 keeps in fast mode. */
export function compileNullRecord(columns: readonly string[]): () => TextValues {
  for (const column of columns) if (!SAFE_MEMBER.test(column)) throw new Error(`"${column}" is not a column name`);
  return new Function(`return () => ({ ${columns.map((column) => `${column}: null`).join(', ')} });`)() as () => TextValues;
}
