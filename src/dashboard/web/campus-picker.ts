import type { CampusScope } from './campus-scope';

/**
 * A select for the campuses the token allows, shown only when there is more
 * than one to choose from. "All" keeps the token's own limit.
 */
export function renderCampusPicker(parent: HTMLElement, campuses: readonly string[], onChange: (scope: CampusScope) => void): void {
  parent.replaceChildren();
  parent.hidden = campuses.length < 2;
  if (campuses.length < 2) return;
  const label = document.createElement('label');
  label.textContent = 'Campus ';
  const select = document.createElement('select');
  select.id = 'campus-filter';
  select.append(new Option('All campuses', ''));
  for (const campus of campuses) select.append(new Option(campus, campus));
  select.addEventListener('change', () => onChange(select.value ? [select.value] : []));
  label.append(select);
  parent.append(label);
}
