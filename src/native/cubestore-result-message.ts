import * as flatbuffers from 'flatbuffers';
import { HttpMessage, HttpCommand, HttpResultSet, HttpError } from '@cubejs-backend/cubestore-driver/dist/codegen/index.js';

export type CubeStoreRow = Record<string, string | null>;

/**
 * Decodes a Cube Store result message (flatbuffers over its WebSocket) into
 * row objects, the form the rest of Cube handles for every other driver.
 * This is what lets a remote Cube Store cluster (CUBEJS_CUBESTORE_HOST) hold
 * pre-aggregations without the Rust module.
 */
export function decodeCubeStoreResultMessage(message: Uint8Array): CubeStoreRow[] {
  const httpMessage = HttpMessage.getRootAsHttpMessage(new flatbuffers.ByteBuffer(message));
  if (httpMessage.commandType() === HttpCommand.HttpError) {
    throw new Error(`Cube Store: ${httpMessage.command(new HttpError())?.error() ?? 'unknown error'}`);
  }
  if (httpMessage.commandType() !== HttpCommand.HttpResultSet) {
    throw new Error(`Cube Store sent a message of type ${httpMessage.commandType()} where a result set was expected`);
  }
  const resultSet = httpMessage.command(new HttpResultSet()) as HttpResultSet;
  const columns: string[] = [];
  for (let c = 0; c < resultSet.columnsLength(); c += 1) columns.push(resultSet.columns(c));
  const rows: CubeStoreRow[] = [];
  for (let r = 0; r < resultSet.rowsLength(); r += 1) {
    const row = resultSet.rows(r);
    const record: CubeStoreRow = {};
    columns.forEach((column, c) => {
      record[column] = row?.values(c)?.stringValue() ?? null;
    });
    rows.push(record);
  }
  return rows;
}
