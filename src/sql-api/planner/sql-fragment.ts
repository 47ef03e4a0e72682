/**
 * SQL being assembled: text with tokens for constants and for relations whose SQL comes
 * from Cube later. Constants become `$n` only at the end, so parameters keep their order
 * however fragments nest, and the same value of the same type is one parameter (so an
 * expression written twice, in the select list and GROUP BY, is the same SQL).
 */
export class StatementParams {
  readonly values: (string | null)[] = [];
  private readonly known = new Map<string, number>();

  /** A token for a constant; `shared` reuses one parameter for an equal value. */
  token(value: string | null, shared = true): string {
    const key = JSON.stringify(value);
    let index = shared ? this.known.get(key) : undefined;
    if (index === undefined) {
      index = this.values.push(value) - 1;
      if (shared) this.known.set(key, index);
    }
    return `\u0001${index}\u0001`;
  }
}

/** The final SQL and its values: tokens numbered `$1..$n` in order of first use. */
export function finishSql(text: string, params: StatementParams): { sql: string; values: (string | null)[] } {
  const numbers = new Map<number, number>();
  const values: (string | null)[] = [];
  const sql = text.replace(/\u0001(\d+)\u0001/g, (_, i: string) => {
    const index = Number(i);
    let n = numbers.get(index);
    if (n === undefined) {
      n = values.push(params.values[index] ?? null);
      numbers.set(index, n);
    }
    return `$${n}`;
  });
  return { sql, values };
}
