import { createHash } from 'node:crypto';

function md5(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex');
}

/** The answer a client sends for AuthenticationMD5Password: `md5` + md5(md5(password + user) + salt). */
export function md5PasswordAnswer(password: string, user: string, salt: Buffer): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user), 'utf8'), salt]))}`;
}
