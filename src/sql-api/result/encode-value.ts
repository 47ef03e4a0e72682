import { binaryValue } from './binary-value';

/** One value on the wire in the format the client asked for: PostgreSQL's text output, or its binary form. */
export function encodeValue(text: string | null, typeOid: number, format: number): Buffer | null {
  if (text === null) return null;
  return format === 0 ? Buffer.from(text, 'utf8') : binaryValue(text, typeOid);
}
