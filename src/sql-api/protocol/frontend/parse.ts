import { MessageReader } from '../message-reader';

export interface ParseMessage {
  statementName: string;
  sql: string;
  /** Declared parameter type OIDs; 0 means "infer". */
  parameterTypes: number[];
}

/** Parse ('P'): prepares a named or unnamed statement. */
export function readParse(body: Buffer): ParseMessage {
  const reader = new MessageReader(body);
  const statementName = reader.cstring();
  const sql = reader.cstring();
  const count = reader.int16();
  const parameterTypes: number[] = [];
  for (let i = 0; i < count; i++) parameterTypes.push(reader.int32());
  return { statementName, sql, parameterTypes };
}
