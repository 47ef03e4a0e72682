import { MessageWriter } from '../message-writer';

/** DataRow ('D'): one row of already-encoded values; null is SQL NULL. */
export function dataRow(values: (Buffer | null)[]): Buffer {
  const w = new MessageWriter().int16(values.length);
  for (const v of values) {
    if (v === null) w.int32(-1);
    else w.int32(v.length).bytes(v);
  }
  return w.message('D');
}
