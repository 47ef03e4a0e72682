import type { Cube } from '@cubejs-client/core';

/** A field of a view the viewer may pick: a dimension (time or not) or a measure. */
export interface PivotField {
  readonly name: string;
  readonly title: string;
  readonly kind: 'dimension' | 'time' | 'measure';
  readonly numeric: boolean;
  readonly format?: string;
  /** A count (of users, loans, requests): no row means 0 of them, not "unknown". */
  readonly countsPeopleOrThings?: boolean;
}

/** The fields /meta lists for `view` (only what this token may see), titled as the model titles them. */
export function pivotFields(view: Cube): PivotField[] {
  const dimensions = view.dimensions.filter((member) => member.public !== false).map((member): PivotField => ({
    name: member.name,
    title: member.shortTitle || member.title,
    kind: member.type === 'time' ? 'time' : 'dimension',
    numeric: member.type === 'number',
  }));
  const measures = view.measures.filter((member) => member.public !== false).map((member): PivotField => ({
    name: member.name,
    title: member.shortTitle || member.title,
    kind: 'measure',
    numeric: true,
    format: typeof member.format === 'string' ? member.format : undefined,
    countsPeopleOrThings: /^count/.test(String((member as { aggType?: unknown }).aggType ?? '')),
  }));
  return [...dimensions, ...measures];
}

/** Whether `field` matches what the viewer typed in the search box (any word of its title or name). */
export function matchesSearch(field: PivotField, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${field.title} ${field.name}`.toLowerCase();
  return words.every((word) => text.includes(word));
}
