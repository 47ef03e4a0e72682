import { MessageWriter } from '../message-writer';

/** ParameterDescription ('t'): the type OID of each $n of a prepared statement. */
export function parameterDescription(typeOids: number[]): Buffer {
  const w = new MessageWriter().int16(typeOids.length);
  for (const oid of typeOids) w.int32(oid);
  return w.message('t');
}
