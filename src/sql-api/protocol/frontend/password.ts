import { MessageReader } from '../message-reader';

/** PasswordMessage ('p'): the cleartext password or the MD5 digest, as the method asked. */
export function readPassword(body: Buffer): string {
  return new MessageReader(body).cstring();
}
