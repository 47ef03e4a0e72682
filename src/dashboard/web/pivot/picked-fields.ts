import { labelledPicker } from './labelled-picker';
import type { PivotField } from './pivot-fields';
import { defaultGranularity, type PivotGranularity } from './time-granularity';

/** A field the viewer put in rows, columns or measures; time fields carry their granularity. */
export interface PickedField {
  readonly field: PivotField;
  granularity?: PivotGranularity;
}

/**
 * One list of the pivot (rows, columns or measures): a select to add a field,
 * then the picked fields in the order they were picked, each removable, time
 * fields with a granularity picker limited to what the token's group allows.
 */
export class PickedFieldList {
  readonly element: HTMLElement;
  private readonly adder: HTMLSelectElement;
  private readonly list: HTMLOListElement;
  private readonly picked: PickedField[] = [];
  private candidates: PivotField[] = [];

  constructor(
    id: string,
    label: string,
    private readonly granularities: readonly PivotGranularity[],
    private readonly onChange: () => void,
  ) {
    this.adder = document.createElement('select');
    this.element = labelledPicker(`pivot-add-${id}`, label, this.adder);
    this.adder.addEventListener('change', () => {
      const field = this.candidates.find((candidate) => candidate.name === this.adder.value);
      this.adder.value = '';
      if (field) this.add(field);
    });
    this.list = document.createElement('ol');
    this.list.id = `pivot-${id}s`;
    this.list.className = 'picked';
    this.element.append(this.list);
  }

  /** The fields offered to add: `fields` that match the search and are not picked yet. */
  offer(fields: readonly PivotField[]): void {
    this.candidates = fields.filter((field) => !this.picked.some((one) => one.field.name === field.name));
    this.adder.replaceChildren(new Option(`Add a field (${this.candidates.length})…`, ''));
    for (const field of this.candidates) this.adder.append(new Option(field.title, field.name));
  }

  fields(): readonly PickedField[] {
    return this.picked;
  }

  has(name: string): boolean {
    return this.picked.some((one) => one.field.name === name);
  }

  private add(field: PivotField): void {
    this.picked.push({ field, ...(field.kind === 'time' ? { granularity: defaultGranularity(this.granularities) } : {}) });
    this.render();
    this.onChange();
  }

  private render(): void {
    this.list.replaceChildren(...this.picked.map((one, index) => {
      const item = document.createElement('li');
      item.dataset.member = one.field.name;
      const name = document.createElement('span');
      name.textContent = one.field.title;
      item.append(name);
      if (one.granularity) {
        const granularity = document.createElement('select');
        granularity.className = 'granularity';
        granularity.dataset.member = one.field.name;
        granularity.setAttribute('aria-label', `${one.field.title} by`);
        for (const option of this.granularities) granularity.append(new Option(`by ${option}`, option));
        granularity.value = one.granularity;
        granularity.addEventListener('change', () => { one.granularity = granularity.value as PivotGranularity; });
        item.append(granularity);
      }
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = '×';
      remove.setAttribute('aria-label', `Remove ${one.field.title}`);
      remove.addEventListener('click', () => {
        this.picked.splice(index, 1);
        this.render();
        this.onChange();
      });
      item.append(remove);
      return item;
    }));
  }
}
