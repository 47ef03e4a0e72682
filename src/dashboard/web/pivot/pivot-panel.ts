import type { Cube, CubeApi, Meta } from '@cubejs-client/core';
import type { CampusScope } from '../campus-scope';
import { campusFilters } from '../campus-scope';
import { describeFailure, type FailureMessage } from '../describe-failure';
import { PickedFieldList } from './picked-fields';
import { matchesSearch, pivotFields, type PivotField } from './pivot-fields';
import { PivotFilters } from './pivot-filters';
import { PivotDateRange } from './pivot-date-range';
import { granularityOfKeys, toPivotQuery, type PivotSelection } from './pivot-selection';
import { pivotNote } from './pivot-note';
import { pivotResult, type PivotResult } from './pivot-result';
import { renderPivotTable, sortedRows, type PivotSort } from './pivot-table';
import { downloadBlob, pivotCsv } from './pivot-csv';
import { pivotXlsx } from './pivot-xlsx';
import { pivotFileName, pivotTitle } from './pivot-file-name';
import { granularitiesFrom, type PivotGranularity } from './time-granularity';
import { labelledPicker } from './labelled-picker';

/** The views (or, in a model without views, the cubes) this token may query, from /meta. */
function pivotSources(meta: Meta): Cube[] {
  const visible = meta.cubes.filter((cube) => cube.public !== false && cube.isVisible !== false);
  const views = visible.filter((cube) => cube.type === 'view');
  return views.length > 0 ? views : visible;
}

/**
 * The pivot table a librarian builds by clicking and typing: a view; rows,
 * columns and measures in the order picked (time fields by day, week, month,
 * quarter or year, as far as the token's group allows); filters with values
 * from the data; a date range; a search across the fields. The table sorts by
 * any column, shows its first 5,000 rows and says how many more there are;
 * CSV and XLSX downloads carry every row and are named after the pivot.
 */
export class PivotPanel {
  private scope: CampusScope = [];
  private api: CubeApi | undefined;
  private sources: Cube[] = [];
  private view: Cube | undefined;
  private fields: PivotField[] = [];
  private granularities: PivotGranularity[] = granularitiesFrom(undefined);
  private lists: { rows: PickedFieldList; columns: PickedFieldList; measures: PickedFieldList } | undefined;
  private readonly filters = new PivotFilters(() => this.api, () => ({ view: this.view?.name ?? '', campus: this.scope }));
  private readonly dates = new PivotDateRange();
  private readonly search = document.createElement('input');
  private last: { result: PivotResult; title: string } | undefined;
  private sort: PivotSort | undefined;
  private readonly pickers: HTMLElement;
  private readonly result: HTMLElement;
  private readonly note: HTMLElement;
  private readonly csv: HTMLButtonElement;
  private readonly xlsx: HTMLButtonElement;

  constructor(private readonly root: HTMLElement, private readonly onFailure: (failure: FailureMessage) => void) {
    this.pickers = root.querySelector('#pivot-pickers') as HTMLElement;
    this.result = root.querySelector('#pivot-result') as HTMLElement;
    this.note = root.querySelector('#pivot-note') as HTMLElement;
    this.csv = root.querySelector('#pivot-download') as HTMLButtonElement;
    this.xlsx = root.querySelector('#pivot-download-xlsx') as HTMLButtonElement;
    this.csv.addEventListener('click', () => this.downloadCsv());
    this.xlsx.addEventListener('click', () => void this.downloadXlsx());
    this.search.type = 'search';
    this.search.placeholder = 'Search the fields';
    this.search.addEventListener('input', () => this.offerFields());
  }

  /** Fills the pickers from /meta; `finestGranularity` is the finest time granularity the token's group may ask for. */
  show(api: CubeApi, meta: Meta, scope: CampusScope, finestGranularity?: string): void {
    this.api = api;
    this.scope = scope;
    this.granularities = granularitiesFrom(finestGranularity);
    this.sources = pivotSources(meta);
    const viewSelect = document.createElement('select');
    for (const source of this.sources) viewSelect.append(new Option(source.title, source.name));
    viewSelect.addEventListener('change', () => this.pickView(viewSelect.value));
    const run = document.createElement('button');
    run.id = 'pivot-run';
    run.type = 'button';
    run.textContent = 'Show pivot';
    run.addEventListener('click', () => void this.run());
    const fields = document.createElement('div');
    fields.className = 'pivot-fields';
    fields.id = 'pivot-field-lists';
    this.pickers.replaceChildren(
      labelledPicker('pivot-view', 'View', viewSelect),
      labelledPicker('pivot-search', 'Search fields', this.search),
      fields,
      this.filters.element,
      this.dates.element,
      run,
    );
    this.pickView(viewSelect.value);
    if (this.sources.length === 0) this.setNote('Nothing to pivot: this token may not see any view.', 'empty');
  }

  /** Narrows later pivots to `scope`. */
  setScope(scope: CampusScope): void {
    this.scope = scope;
  }

  private pickView(name: string): void {
    this.view = this.sources.find((source) => source.name === name);
    if (!this.view) return;
    this.fields = pivotFields(this.view);
    const refresh = () => this.offerFields();
    this.lists = {
      rows: new PickedFieldList('row', 'Rows', this.granularities, refresh),
      columns: new PickedFieldList('column', 'Columns', this.granularities, refresh),
      measures: new PickedFieldList('measure', 'Measures', this.granularities, refresh),
    };
    (this.pickers.querySelector('#pivot-field-lists') as HTMLElement).replaceChildren(this.lists.rows.element, this.lists.columns.element, this.lists.measures.element);
    this.filters.clear();
    this.search.value = '';
    this.offerFields();
  }

  /** Offers each list the fields that match the search and are in no list yet. */
  private offerFields(): void {
    if (!this.lists) return;
    const { rows, columns, measures } = this.lists;
    const free = this.fields.filter((field) => matchesSearch(field, this.search.value) && !rows.has(field.name) && !columns.has(field.name) && !measures.has(field.name));
    rows.offer(free.filter((field) => field.kind !== 'measure'));
    columns.offer(free.filter((field) => field.kind !== 'measure'));
    measures.offer(free.filter((field) => field.kind === 'measure'));
    this.filters.offer(this.fields.filter((field) => matchesSearch(field, this.search.value)));
    this.dates.offer(this.fields);
  }

  private selection(): PivotSelection | undefined {
    if (!this.view || !this.lists) return undefined;
    const hasCampus = this.fields.some((field) => field.name === `${this.view?.name}.campus_code`);
    return {
      view: this.view.name,
      rows: this.lists.rows.fields(),
      columns: this.lists.columns.fields(),
      measures: this.lists.measures.fields(),
      filters: [...(hasCampus ? campusFilters(this.view.name, this.scope) : []), ...this.filters.filters()],
      dateRange: this.dates.range(),
    };
  }

  private setNote(text: string, state: string): void {
    this.note.textContent = text;
    this.root.dataset.state = state;
  }

  private async run(): Promise<void> {
    const selection = this.selection();
    if (!selection || !this.api || !this.view) return;
    if (selection.measures.length === 0 && selection.rows.length + selection.columns.length === 0) {
      this.setNote('Pick at least one row, column or measure.', 'empty');
      return;
    }
    const problem = this.dates.problem();
    if (problem) {
      this.setNote(problem, 'error');
      return;
    }
    this.setNote('Loading…', 'loading');
    this.csv.disabled = true;
    this.xlsx.disabled = true;
    try {
      const { query, pivotConfig } = toPivotQuery(selection);
      const resultSet = await this.api.load(query);
      const result = pivotResult(resultSet, pivotConfig, granularityOfKeys(selection), selection.measures.map((picked) => picked.field));
      this.last = { result, title: pivotTitle(this.view.title, selection) };
      this.sort = undefined;
      this.render();
      this.csv.disabled = result.rows.length === 0;
      this.xlsx.disabled = result.rows.length === 0;
      this.setNote(pivotNote(result), result.rows.length === 0 ? 'empty' : 'ready');
    } catch (error) {
      const failure = describeFailure(error);
      this.result.replaceChildren();
      this.setNote(failure.text.replace(/^This chart could not be loaded: /, 'The pivot could not be loaded: '), 'error');
      this.onFailure(failure);
    }
  }

  private render(): void {
    if (!this.last) return;
    renderPivotTable(this.result, this.last.result, this.sort, (sort) => {
      this.sort = sort;
      this.render();
    });
  }

  private downloadCsv(): void {
    if (!this.last) return;
    const rows = sortedRows(this.last.result, this.sort);
    downloadBlob(pivotFileName(this.last.title, 'csv'), new Blob([pivotCsv(this.last.result, rows)], { type: 'text/csv;charset=utf-8' }));
  }

  private async downloadXlsx(): Promise<void> {
    if (!this.last) return;
    const rows = sortedRows(this.last.result, this.sort);
    downloadBlob(pivotFileName(this.last.title, 'xlsx'), await pivotXlsx(this.last.result, rows, this.last.title));
  }
}
