import { MessageReader } from '../message-reader';

/** Query ('Q'): one simple-protocol string, possibly several statements. */
export function readQuery(body: Buffer): string {
  return new MessageReader(body).cstring();
}
