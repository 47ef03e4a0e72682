/** A failure as the viewer should read it; `session` failures mean the token must be replaced. */
export interface FailureMessage {
  readonly session: boolean;
  readonly text: string;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function reasonOf(error: unknown): string {
  const response = (error as { response?: { error?: unknown } } | null)?.response;
  if (response && typeof response.error === 'string') return response.error;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns a failed request into a message for people: an expired, refused or
 * missing token says so and what to do, instead of leaving a blank chart.
 */
export function describeFailure(error: unknown): FailureMessage {
  const status = statusOf(error);
  const reason = reasonOf(error);
  if (status === 401 || /expired/i.test(reason)) {
    return {
      session: true,
      text: /expired/i.test(reason)
        ? 'Your dashboard session has expired. Reload the page in your portal to get a new one.'
        : `The dashboard could not sign you in: ${reason}. Reload the page in your portal.`,
    };
  }
  if (status === 403) return { session: true, text: `Access refused: ${reason}` };
  if (error instanceof TypeError) return { session: false, text: 'The analytics server cannot be reached. Try again in a moment.' };
  return { session: false, text: `This chart could not be loaded: ${reason}` };
}
