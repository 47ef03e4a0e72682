/**
 * Names, under the page title, the campuses this token sees: the codes of a
 * dashboard token's `campus` claim, or every campus in the data for a token
 * without one. A viewer then knows whose numbers these are.
 */
export function showCampusHeading(claimed: readonly string[] | undefined, choices: readonly string[]): void {
  const heading = document.getElementById('campus-scope') as HTMLElement;
  const campuses = claimed ?? choices;
  heading.textContent = claimed
    ? `${campuses.length === 1 ? 'Campus' : 'Campuses'}: ${campuses.join(', ') || 'none'}`
    : `All campuses${campuses.length > 0 ? ` (${campuses.join(', ')})` : ''}`;
  heading.hidden = false;
}
