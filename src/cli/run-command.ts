/** A mistake in a command's arguments: reported with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command-line entry point the same way for every script: a
 * UsageError prints its message and the usage (exit 2), any other failure its
 * message alone (exit 1), never a stack trace for a mistake a user can fix.
 */
export function runCommand(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError || isArgumentError(error)) {
      console.error(`${error.message}\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  });
}

/** node:util parseArgs throws these for an unknown option or a missing value: the user's mistake. */
function isArgumentError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS_');
}
