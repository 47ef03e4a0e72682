import type { EChartsOption } from 'echarts';
import { formatNumber, type NumberStyle } from '../format-number';

/** The options every chart shares: legend on top, readable tooltips and axis labels. */
export function baseOption(style: NumberStyle = 'plain'): EChartsOption {
  return {
    animation: false,
    grid: { left: 12, right: 16, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => formatNumber(Array.isArray(value) ? value[0] : value, style),
    },
  };
}

/** A value axis whose labels are formatted for people. */
export function valueAxis(style: NumberStyle = 'plain') {
  return { type: 'value' as const, axisLabel: { formatter: (value: number) => formatNumber(value, style) } };
}

/** The month of an ISO timestamp as people read it, e.g. "Nov 2026". */
export function monthLabel(timestamp: string): string {
  const date = new Date(timestamp.length === 23 || timestamp.length === 19 ? `${timestamp}Z` : timestamp);
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
