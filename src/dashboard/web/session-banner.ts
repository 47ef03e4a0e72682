/** The page-wide message for token problems (expired, refused, missing), shown above the charts. */
export function showSessionMessage(text: string | undefined): void {
  const banner = document.getElementById('session-message') as HTMLElement;
  banner.textContent = text ?? '';
  banner.hidden = !text;
  document.body.dataset.session = text ? 'refused' : 'ok';
}
