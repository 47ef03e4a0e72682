// npm run token -- --group <group> [--campus <code>[,<code>]] [--expires-in <duration>]
// Prints a token signed with the server's secret, alone on the last line.
import { parseArgs } from 'node:util';
import { signToken } from '../src/auth/sign-token';
import { knownGroups } from '../src/auth/security-context';

const usage = 'usage: npm run token -- --group <group> [--campus <code>[,<code>...]] [--expires-in <duration, e.g. 12h, 30d>]';

try {
  const { values } = parseArgs({
    options: {
      group: { type: 'string' },
      campus: { type: 'string', multiple: true },
      'expires-in': { type: 'string', default: '30d' },
    },
    strict: true,
  });
  if (!values.group) throw new Error(`--group is required (one of ${knownGroups().join(', ')})`);
  const campus = values.campus?.flatMap((value) => value.split(',')).map((code) => code.trim()).filter(Boolean);
  const expiresIn = /^\d+$/.test(values['expires-in']) ? Number(values['expires-in']) : values['expires-in'];
  const token = signToken({ group: values.group, ...(campus ? { campus } : {}) }, expiresIn);
  process.stderr.write(`token for group ${values.group}${campus ? ` (campus ${campus.join(', ')})` : ''}, expires in ${values['expires-in']}:\n`);
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
}
