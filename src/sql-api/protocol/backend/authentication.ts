import { MessageWriter } from '../message-writer';

/** AuthenticationOk: the password was accepted. */
export function authenticationOk(): Buffer {
  return new MessageWriter().int32(0).message('R');
}

/** AuthenticationCleartextPassword: asks for the password as typed (a JWT, here). */
export function authenticationCleartextPassword(): Buffer {
  return new MessageWriter().int32(3).message('R');
}

/** AuthenticationMD5Password: asks for md5(md5(password + user) + salt). */
export function authenticationMd5Password(salt: Buffer): Buffer {
  return new MessageWriter().int32(5).bytes(salt).message('R');
}
