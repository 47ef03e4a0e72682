/**
 * One colour per user group on every chart and every campus: by the group's
 * name, never by its position in an answer (which changes with the data).
 */
const KNOWN_GROUPS: Record<string, string> = {
  Undergraduate: '#3b6fd4',
  Graduate: '#e07b24',
  Faculty: '#2a9d6f',
  Staff: '#8e44ad',
  'External reader': '#c0392b',
  Alumni: '#b8860b',
};

// For groups an institution adds: distinct from the known ones and from each other, all readable on white.
const MORE = ['#1b8a9a', '#d35490', '#5d6d7e', '#7a5c2e', '#4a7f1f', '#6c5ce7', '#a04000', '#117864'];

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

/** The colour of user group `name`. */
export function groupColour(name: string): string {
  return KNOWN_GROUPS[name] ?? MORE[hash(name) % MORE.length] as string;
}

/** Active and Inactive: a strong blue and a grey dark enough to read on white (not a pale yellow-green). */
export const STATUS_COLOURS: Record<string, string> = { Active: '#3b6fd4', Inactive: '#6b7785' };

/** The 30 / 60 / 90 day windows: one hue, darker for the longer (larger, cumulative) window. */
export const WINDOW_COLOURS = ['#9cc3f0', '#4f8fdc', '#1f4f9a'];
