import type { CubeApi, Filter } from '@cubejs-client/core';
import { labelledPicker } from './labelled-picker';
import type { PivotField } from './pivot-fields';
import { campusFilters, type CampusScope } from '../campus-scope';

interface ChosenFilter {
  readonly field: PivotField;
  readonly values: string[];
}

/**
 * Filters on any dimension of the view: pick a field, then values from the
 * data (the distinct values this token may see), then add it. Each filter
 * keeps the rows whose value is one of those picked.
 */
export class PivotFilters {
  readonly element: HTMLElement;
  private readonly field: HTMLSelectElement;
  private readonly values: HTMLSelectElement;
  private readonly add: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private readonly chosen: ChosenFilter[] = [];
  private fields: PivotField[] = [];

  constructor(private readonly api: () => CubeApi | undefined, private readonly scope: () => { view: string; campus: CampusScope }) {
    this.field = document.createElement('select');
    this.element = labelledPicker('pivot-filter-field', 'Filter', this.field, 'picker pivot-filter');
    this.values = document.createElement('select');
    this.values.id = 'pivot-filter-values';
    this.values.multiple = true;
    this.values.size = 5;
    this.values.hidden = true;
    this.add = document.createElement('button');
    this.add.type = 'button';
    this.add.id = 'pivot-filter-add';
    this.add.textContent = 'Add filter';
    this.add.disabled = true;
    this.list = document.createElement('ul');
    this.list.id = 'pivot-filters';
    this.list.className = 'picked';
    this.field.addEventListener('change', () => void this.loadValues());
    this.values.addEventListener('change', () => { this.add.disabled = this.values.selectedOptions.length === 0; });
    this.add.addEventListener('click', () => this.addFilter());
    this.element.append(this.values, this.add, this.list);
  }

  /** The dimensions that may be filtered (time fields take a date range instead). */
  offer(fields: readonly PivotField[]): void {
    this.fields = fields.filter((field) => field.kind === 'dimension');
    this.field.replaceChildren(new Option('Filter on a field…', ''), ...this.fields.map((field) => new Option(field.title, field.name)));
    this.values.hidden = true;
    this.add.disabled = true;
  }

  /** Cube filters for the chosen values. */
  filters(): Filter[] {
    return this.chosen.map(({ field, values }) => ({ member: field.name, operator: 'equals', values }));
  }

  clear(): void {
    this.chosen.splice(0);
    this.render();
  }

  private async loadValues(): Promise<void> {
    const field = this.fields.find((candidate) => candidate.name === this.field.value);
    const api = this.api();
    this.values.replaceChildren();
    this.values.hidden = !field;
    this.add.disabled = true;
    if (!field || !api) return;
    this.values.dataset.state = 'loading';
    const { view, campus } = this.scope();
    const hasCampus = this.fields.some((candidate) => candidate.name === `${view}.campus_code`);
    try {
      const resultSet = await api.load({
        dimensions: [field.name],
        order: { [field.name]: 'asc' },
        filters: hasCampus ? campusFilters(view, campus) : [],
        limit: 1000,
      });
      const values = resultSet.rawData().map((row) => row[field.name]).filter((value) => value !== null && value !== undefined);
      this.values.replaceChildren(...values.map((value) => new Option(String(value), String(value))));
      this.values.dataset.state = 'ready';
    } catch {
      this.values.replaceChildren(new Option('The values could not be loaded', ''));
      this.values.dataset.state = 'error';
    }
  }

  private addFilter(): void {
    const field = this.fields.find((candidate) => candidate.name === this.field.value);
    const values = Array.from(this.values.selectedOptions).map((option) => option.value).filter(Boolean);
    if (!field || values.length === 0) return;
    const existing = this.chosen.findIndex((filter) => filter.field.name === field.name);
    if (existing >= 0) this.chosen.splice(existing, 1);
    this.chosen.push({ field, values });
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(...this.chosen.map((filter, index) => {
      const item = document.createElement('li');
      item.dataset.member = filter.field.name;
      item.append(`${filter.field.title} is ${filter.values.join(' or ')}`);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = '×';
      remove.setAttribute('aria-label', `Remove the filter on ${filter.field.title}`);
      remove.addEventListener('click', () => {
        this.chosen.splice(index, 1);
        this.render();
      });
      item.append(remove);
      return item;
    }));
  }
}
