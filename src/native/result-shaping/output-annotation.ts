/**
 * The `annotation` of a response: per member kind, each member's display
 * fields as Cube's Rust module re-serialises them.
 */
import { pickPresent, type JsonValue } from './json-value';

// `currency` is not in every Cube release's list; the gateway sets it, so it is kept when present.
const ANNOTATION_FIELDS = [
  'title', 'shortTitle', 'description', 'type', 'format', 'currency', 'meta', 'drillMembers', 'drillMembersGrouped',
  'granularity',
] as const;

export function outputAnnotation(annotation: unknown): Record<string, Record<string, JsonValue>> {
  if (typeof annotation !== 'object' || annotation === null) throw new Error('Result data: annotation must be an object');
  const out: Record<string, Record<string, JsonValue>> = {};
  for (const [kind, members] of Object.entries(annotation)) {
    // Disclosure control's marker (src/disclosure/disclosure-annotation.ts) is plain JSON, not members.
    if (kind === 'disclosure') {
      out[kind] = JSON.parse(JSON.stringify(members)) as Record<string, JsonValue>;
      continue;
    }
    if (typeof members !== 'object' || members === null) throw new Error(`Result data: annotation.${kind} must be an object`);
    out[kind] = {};
    for (const [member, item] of Object.entries(members)) {
      out[kind][member] = pickPresent((typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>, ANNOTATION_FIELDS);
    }
  }
  return out;
}
