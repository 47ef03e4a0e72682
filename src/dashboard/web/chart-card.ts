import type { CubeApi } from '@cubejs-client/core';
import * as echarts from 'echarts';
import type { ChartDefinition } from './charts/chart-definition';
import type { CampusScope } from './campus-scope';
import { describeFailure, type FailureMessage } from './describe-failure';

/**
 * A card on the page holding one chart. Its `data-state` attribute says where
 * it is (loading, ready, empty, error) so people see it and tests can wait on it.
 */
export class ChartCard {
  private readonly body: HTMLElement;
  private readonly note: HTMLElement;
  private chart: echarts.ECharts | undefined;
  private loads = 0;

  constructor(parent: HTMLElement, private readonly definition: ChartDefinition) {
    const card = document.createElement('section');
    card.className = 'card chart-card';
    card.id = definition.id;
    const heading = document.createElement('h2');
    heading.textContent = definition.title;
    this.note = document.createElement('p');
    this.note.className = 'card-note';
    this.body = document.createElement('div');
    this.body.className = 'chart-body';
    card.append(heading, this.note, this.body);
    parent.append(card);
    window.addEventListener('resize', () => this.chart?.resize());
  }

  private get card(): HTMLElement {
    return this.body.parentElement as HTMLElement;
  }

  private show(state: 'loading' | 'ready' | 'empty' | 'error', note: string): void {
    this.card.dataset.state = state;
    this.note.textContent = note;
    this.note.hidden = note === '';
  }

  /** Runs the chart's query for `scope` and draws it; a failure is shown on the card and returned. */
  async load(api: CubeApi, scope: CampusScope): Promise<FailureMessage | undefined> {
    const load = ++this.loads;
    this.show('loading', 'Loading…');
    try {
      const resultSet = await api.load(this.definition.query(scope));
      if (load !== this.loads) return undefined;
      const { option, points } = this.definition.draw(resultSet);
      this.card.dataset.points = String(points);
      if (points === 0) {
        this.chart?.clear();
        this.show('empty', 'No data for this selection.');
        return undefined;
      }
      this.chart ??= echarts.init(this.body, undefined, { renderer: 'canvas' });
      this.chart.setOption(option, { notMerge: true });
      this.show('ready', '');
      return undefined;
    } catch (error) {
      if (load !== this.loads) return undefined;
      const failure = describeFailure(error);
      this.chart?.clear();
      this.show('error', failure.text);
      return failure;
    }
  }
}
