import { labelledPicker } from './labelled-picker';
import type { PivotField } from './pivot-fields';

/** A date range on one time field of the view: from and to as YYYY-MM-DD, either may be empty. */
export class PivotDateRange {
  readonly element: HTMLElement;
  private readonly field: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;

  constructor() {
    this.field = document.createElement('select');
    this.from = document.createElement('input');
    this.from.type = 'date';
    this.from.id = 'pivot-date-from';
    this.from.setAttribute('aria-label', 'From');
    this.to = document.createElement('input');
    this.to.type = 'date';
    this.to.id = 'pivot-date-to';
    this.to.setAttribute('aria-label', 'To');
    const row = document.createElement('div');
    row.className = 'dates';
    row.append(this.from, '–', this.to);
    this.element = labelledPicker('pivot-date-field', 'Date range', this.field, 'picker pivot-dates');
    this.element.append(row);
  }

  offer(fields: readonly PivotField[]): void {
    const times = fields.filter((field) => field.kind === 'time');
    this.field.replaceChildren(new Option('No date range', ''), ...times.map((field) => new Option(field.title, field.name)));
    this.element.hidden = times.length === 0;
  }

  /** The chosen range, or undefined without a field or dates. An open end runs to the start or end of the data. */
  range(): { member: string; dateRange: [string, string] } | undefined {
    if (!this.field.value || (!this.from.value && !this.to.value)) return undefined;
    return { member: this.field.value, dateRange: [this.from.value || '1900-01-01', this.to.value || '2999-12-31'] };
  }

  /** Says what is wrong with the range, for the note. */
  problem(): string | undefined {
    if (this.from.value && this.to.value && this.from.value > this.to.value) return 'The date range ends before it starts.';
    return undefined;
  }
}
