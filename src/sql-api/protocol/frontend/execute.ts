import { MessageReader } from '../message-reader';

export interface ExecuteMessage {
  portalName: string;
  /** Most rows to return; 0 means all. */
  maxRows: number;
}

/** Execute ('E'): runs a bound portal. */
export function readExecute(body: Buffer): ExecuteMessage {
  const reader = new MessageReader(body);
  return { portalName: reader.cstring(), maxRows: reader.int32() };
}
