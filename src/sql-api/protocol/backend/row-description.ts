import { MessageWriter } from '../message-writer';

/** One result column as the client sees it. */
export interface ColumnDescription {
  name: string;
  typeOid: number;
  /** pg_type.typlen: -1 for variable length. */
  typeSize: number;
  tableOid?: number;
  columnNumber?: number;
  typeModifier?: number;
}

/** RowDescription ('T'): names and types of the columns that follow; formats are per column (0 text, 1 binary). */
export function rowDescription(columns: ColumnDescription[], formats: number[]): Buffer {
  const w = new MessageWriter().int16(columns.length);
  columns.forEach((c, i) => {
    w.cstring(c.name)
      .int32(c.tableOid ?? 0)
      .int16(c.columnNumber ?? 0)
      .int32(c.typeOid)
      .int16(c.typeSize)
      .int32(c.typeModifier ?? -1)
      .int16(formats[i] ?? 0);
  });
  return w.message('T');
}
