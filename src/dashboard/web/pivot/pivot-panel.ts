import type { Cube, CubeApi, Meta } from '@cubejs-client/core';
import type { CampusScope } from '../campus-scope';
import { describeFailure, type FailureMessage } from '../describe-failure';
import { leafColumns, type PivotColumn } from './pivot-columns';
import { pivotCsv, downloadText } from './pivot-csv';
import { renderPivotTable } from './pivot-table';
import { toPivotQuery } from './pivot-selection';

/** The views (or, in a model without views, the cubes) this token may query, from /meta. */
function pivotSources(meta: Meta): Cube[] {
  const visible = meta.cubes.filter((cube) => cube.public !== false && cube.isVisible !== false);
  const views = visible.filter((cube) => cube.type === 'view');
  return views.length > 0 ? views : visible;
}

function multiSelect(id: string, label: string, options: readonly { name: string; title: string; shortTitle?: string }[]): { element: HTMLElement; picked(): string[] } {
  const wrapper = document.createElement('label');
  wrapper.className = 'picker';
  wrapper.append(label);
  const select = document.createElement('select');
  select.id = id;
  select.multiple = true;
  select.size = 8;
  for (const option of options) select.append(new Option(option.shortTitle || option.title, option.name));
  wrapper.append(select);
  return { element: wrapper, picked: () => Array.from(select.selectedOptions).map((option) => option.value) };
}

/**
 * The pivot table: the viewer picks a view, rows, columns and measures among
 * what /meta lists for their token, runs it, and can download it as CSV.
 */
export class PivotPanel {
  private scope: CampusScope = [];
  private last: { columns: PivotColumn[]; rows: Record<string, unknown>[] } | undefined;
  private readonly pickers: HTMLElement;
  private readonly result: HTMLElement;
  private readonly note: HTMLElement;
  private readonly download: HTMLButtonElement;

  constructor(private readonly root: HTMLElement, private readonly onFailure: (failure: FailureMessage) => void) {
    this.pickers = root.querySelector('#pivot-pickers') as HTMLElement;
    this.result = root.querySelector('#pivot-result') as HTMLElement;
    this.note = root.querySelector('#pivot-note') as HTMLElement;
    this.download = root.querySelector('#pivot-download') as HTMLButtonElement;
    this.download.addEventListener('click', () => this.downloadCsv());
  }

  /** Fills the pickers from /meta; `scope` narrows the pivot's rows like the charts. */
  show(api: CubeApi, meta: Meta, scope: CampusScope): void {
    this.scope = scope;
    const sources = pivotSources(meta);
    const viewSelect = document.createElement('select');
    viewSelect.id = 'pivot-view';
    for (const source of sources) viewSelect.append(new Option(source.title, source.name));
    const viewLabel = document.createElement('label');
    viewLabel.className = 'picker';
    viewLabel.append('View', viewSelect);
    const fields = document.createElement('div');
    fields.className = 'pivot-fields';
    const run = document.createElement('button');
    run.id = 'pivot-run';
    run.textContent = 'Show pivot';
    let current: { view: Cube; rows: ReturnType<typeof multiSelect>; columns: ReturnType<typeof multiSelect>; measures: ReturnType<typeof multiSelect> } | undefined;
    const pickView = () => {
      const view = sources.find((source) => source.name === viewSelect.value);
      if (!view) return;
      const dimensions = view.dimensions.filter((member) => member.public !== false);
      current = {
        view,
        rows: multiSelect('pivot-rows', 'Rows', dimensions),
        columns: multiSelect('pivot-columns', 'Columns', dimensions),
        measures: multiSelect('pivot-measures', 'Measures', view.measures.filter((member) => member.public !== false)),
      };
      fields.replaceChildren(current.rows.element, current.columns.element, current.measures.element);
    };
    viewSelect.addEventListener('change', pickView);
    run.addEventListener('click', () => {
      if (!current) return;
      void this.run(api, { view: current.view, rows: current.rows.picked(), columns: current.columns.picked(), measures: current.measures.picked() });
    });
    this.pickers.replaceChildren(viewLabel, fields, run);
    pickView();
    if (sources.length === 0) this.setNote('Nothing to pivot: this token may not see any view.', 'empty');
  }

  /** Narrows later pivots to `scope`. */
  setScope(scope: CampusScope): void {
    this.scope = scope;
  }

  private setNote(text: string, state: string): void {
    this.note.textContent = text;
    this.root.dataset.state = state;
  }

  private async run(api: CubeApi, selection: Parameters<typeof toPivotQuery>[0]): Promise<void> {
    if (selection.measures.length === 0 && selection.rows.length + selection.columns.length === 0) {
      this.setNote('Pick at least one row, column or measure.', 'empty');
      return;
    }
    this.setNote('Loading…', 'loading');
    this.download.disabled = true;
    try {
      const { query, pivotConfig } = toPivotQuery(selection, this.scope);
      const resultSet = await api.load(query);
      const columns = leafColumns(resultSet.tableColumns(pivotConfig));
      const rows = resultSet.tablePivot(pivotConfig);
      this.last = { columns, rows };
      renderPivotTable(this.result, columns, rows);
      this.download.disabled = rows.length === 0;
      this.setNote(rows.length === 0 ? 'No data for this selection.' : `${rows.length.toLocaleString()} rows`, rows.length === 0 ? 'empty' : 'ready');
    } catch (error) {
      const failure = describeFailure(error);
      this.result.replaceChildren();
      this.setNote(failure.text, 'error');
      this.onFailure(failure);
    }
  }

  private downloadCsv(): void {
    if (!this.last) return;
    downloadText('pivot.csv', pivotCsv(this.last.columns, this.last.rows));
  }
}
