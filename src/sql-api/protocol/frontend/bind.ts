import { MessageReader } from '../message-reader';

export interface BindMessage {
  portalName: string;
  statementName: string;
  /** Per parameter: 0 text, 1 binary (expanded from the 0/1/n code list). */
  parameterFormats: number[];
  parameters: (Buffer | null)[];
  /** Result column format codes as sent (0, 1 or one per column). */
  resultFormats: number[];
}

/** Bind ('B'): binds parameter values to a statement, making a portal. */
export function readBind(body: Buffer): BindMessage {
  const reader = new MessageReader(body);
  const portalName = reader.cstring();
  const statementName = reader.cstring();
  const formatCodes: number[] = [];
  const formatCount = reader.int16();
  for (let i = 0; i < formatCount; i++) formatCodes.push(reader.int16());
  const parameters: (Buffer | null)[] = [];
  const parameterCount = reader.int16();
  for (let i = 0; i < parameterCount; i++) {
    const length = reader.int32();
    parameters.push(length < 0 ? null : Buffer.from(reader.bytes(length)));
  }
  const parameterFormats = parameters.map((_, i) => (formatCodes.length === 1 ? formatCodes[0]! : formatCodes[i] ?? 0));
  const resultFormats: number[] = [];
  const resultCount = reader.int16();
  for (let i = 0; i < resultCount; i++) resultFormats.push(reader.int16());
  return { portalName, statementName, parameterFormats, parameters, resultFormats };
}
