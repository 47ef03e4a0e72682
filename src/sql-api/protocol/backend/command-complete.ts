import { MessageWriter } from '../message-writer';

/** CommandComplete ('C'): the command tag, e.g. "SELECT 12" or "SET". */
export function commandComplete(tag: string): Buffer {
  return new MessageWriter().cstring(tag).message('C');
}
