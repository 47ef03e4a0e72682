import type { CubeApi } from '@cubejs-client/core';
import * as echarts from 'echarts';
import type { ChartDefinition } from './charts/chart-definition';
import type { CampusScope } from './campus-scope';
import { describeFailure, type FailureMessage } from './describe-failure';

/**
 * A card on the page holding one chart. Its `data-state` attribute says where
 * it is (loading, ready, empty, error) so people see it and tests can wait on it.
 *
 * The chart's box keeps its size while it loads (it is only dimmed), and a
 * ResizeObserver resizes the chart whenever the box changes size: ECharts
 * measures its box once, so a chart created or fed while its box is hidden or
 * not laid out yet would stay 0 px wide until the window is resized.
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
    if (definition.footnote) {
      const footnote = document.createElement('p');
      footnote.className = 'card-footnote';
      footnote.textContent = definition.footnote;
      card.append(footnote);
    }
    parent.append(card);
    new ResizeObserver(() => this.resizeToBox()).observe(this.body);
  }

  private get card(): HTMLElement {
    return this.body.parentElement as HTMLElement;
  }

  /** Fits the chart to its box, once the box has a size (a hidden box has none). */
  private resizeToBox(): void {
    if (!this.chart || this.body.clientWidth === 0 || this.body.clientHeight === 0) return;
    const { clientWidth, clientHeight } = this.body;
    if (this.chart.getWidth() !== clientWidth || this.chart.getHeight() !== clientHeight) this.chart.resize();
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
      const { option, points, note } = this.definition.draw(resultSet);
      this.card.dataset.points = String(points);
      if (points === 0) {
        this.chart?.clear();
        this.show('empty', 'No data for this selection.');
        return undefined;
      }
      // Show the box first, so the chart is created and drawn at its laid-out size.
      this.show('ready', note ?? '');
      this.chart ??= echarts.init(this.body, undefined, { renderer: 'canvas' });
      this.resizeToBox();
      this.chart.setOption(option, { notMerge: true });
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
