import { parseArgs } from 'node:util';
import { UsageError } from './run-command';

export const TOKEN_USAGE = 'usage: npm run token -- --group <group> [--campus <code>[,<code>...]] [--expires-in <duration with a unit: 30m, 12h, 30d>]';

export interface TokenArguments {
  readonly group: string;
  /** The codes as typed; checked against the campus code table before signing. */
  readonly campus: string[] | undefined;
  readonly expiresIn: string;
}

// jsonwebtoken reads a bare number as seconds: "--expires-in 5" would make a token dead in 5 seconds.
const DURATION = /^\d+\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)$/i;

/** The token command's arguments; a mistake is a UsageError that says what to type instead. */
export function parseTokenArguments(argv: readonly string[], knownGroups: readonly string[]): TokenArguments {
  let values: { group?: string; campus?: string[]; 'expires-in': string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        group: { type: 'string' },
        campus: { type: 'string', multiple: true },
        'expires-in': { type: 'string', default: '30d' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.group) throw new UsageError(`--group is required (one of ${knownGroups.join(', ')})`);
  const expiresIn = values['expires-in'].trim();
  if (!DURATION.test(expiresIn)) {
    throw new UsageError(/^\d+$/.test(expiresIn)
      ? `--expires-in ${expiresIn} has no unit: say 5m, 5h or 5d (a bare number would be seconds)`
      : `--expires-in "${expiresIn}" is not a duration: use a number with a unit, such as 30m, 12h or 30d`);
  }
  const campus = values.campus?.flatMap((value) => value.split(',')).map((code) => code.trim()).filter(Boolean);
  if (values.campus && campus?.length === 0) throw new UsageError('--campus needs at least one campus code');
  return { group: values.group, campus, expiresIn };
}
