/** What a host page posts to the dashboard's frame to hand it a token (see docs/DASHBOARD.md). */
export interface TokenMessage {
  readonly type: 'alma-dashboard-token';
  readonly token: string;
}

function isTokenMessage(data: unknown): data is TokenMessage {
  const message = data as Partial<TokenMessage> | null;
  return typeof message === 'object' && message !== null && message.type === 'alma-dashboard-token' && typeof message.token === 'string';
}

/** Takes `token` out of the query string or fragment and out of the address bar, so it is not bookmarked or shared. */
function tokenFromAddress(): string | undefined {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const token = url.searchParams.get('token') ?? fragment.get('token') ?? undefined;
  if (token) {
    url.searchParams.delete('token');
    fragment.delete('token');
    url.hash = fragment.toString();
    window.history.replaceState(null, '', url.toString());
  }
  return token || undefined;
}

/**
 * Calls `onToken` with every token the host gives: first one from the address
 * (`?token=` or `#token=`, for local use) or the page's `data-token`
 * attribute, then each one the embedding portal posts, so the portal can
 * replace a token before it expires. Asks the parent frame for a token when
 * there is none yet.
 */
export function watchDashboardToken(onToken: (token: string) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    if (isTokenMessage(event.data) && event.data.token) onToken(event.data.token);
  });
  const initial = tokenFromAddress() ?? document.documentElement.dataset.token;
  if (initial) {
    onToken(initial);
  } else if (window.parent !== window) {
    window.parent.postMessage({ type: 'alma-dashboard-ready' }, '*');
  }
}

/** The token's claims, read without verifying it: only to lay out the page (the server verifies every request). */
export function readClaims(token: string): { group?: string; campus?: string[]; exp?: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as Record<string, unknown>;
    return {
      group: typeof claims.group === 'string' ? claims.group : undefined,
      campus: Array.isArray(claims.campus) ? claims.campus.filter((code): code is string => typeof code === 'string') : undefined,
      exp: typeof claims.exp === 'number' ? claims.exp : undefined,
    };
  } catch {
    return {};
  }
}
