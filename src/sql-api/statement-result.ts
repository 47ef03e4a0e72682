import type { ColumnDescription } from './protocol/backend/row-description';

/** A statement's answer before encoding: columns (absent for SET, BEGIN...), text rows, and the command tag. */
export interface StatementResult {
  columns?: ColumnDescription[];
  rows?: (string | null)[][];
  tag: string;
  /** ParameterStatus updates the client should hear about (SET application_name...). */
  reports?: [string, string][];
}

/** What Describe tells about a statement before it runs. */
export interface StatementDescription {
  parameterTypes: number[];
  columns: ColumnDescription[] | null;
}
