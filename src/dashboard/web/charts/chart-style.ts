import type { EChartsOption } from 'echarts';
import { formatNumber, type NumberStyle } from '../format-number';
import { fewerThan } from '../disclosure-marker';

/**
 * The options every chart shares: legend on top, tooltips formatted for people
 * (a held-back cell reads "fewer than k", never 0), and room for axis titles
 * and labels so none is clipped.
 */
export function baseOption(style: NumberStyle = 'plain', minCellSize?: number): EChartsOption {
  return {
    animation: false,
    // The grid's box holds the axes' labels and titles too, so none is cut at the card's edge.
    grid: { left: 8, right: 24, top: 56, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => {
        const one = Array.isArray(value) ? value[0] : value;
        return (one === null || one === undefined) && minCellSize ? fewerThan(minCellSize) : formatNumber(one, style);
      },
    },
  };
}

/** A value axis with a title, its labels formatted for people. */
export function valueAxis(title: string, style: NumberStyle = 'plain', nameGap = 48) {
  return {
    type: 'value' as const,
    name: title,
    nameLocation: 'middle' as const,
    nameGap,
    axisLabel: { formatter: (value: number) => formatNumber(value, style) },
  };
}

/** A category axis with a title; long labels are turned and never skipped. */
export function categoryAxis(title: string, categories: string[], turnLabels = false) {
  return {
    type: 'category' as const,
    data: categories,
    name: title,
    nameLocation: 'middle' as const,
    nameGap: turnLabels ? 64 : 30,
    axisLabel: turnLabels ? { interval: 0, rotate: 30, width: 110, overflow: 'truncate' as const } : { hideOverlap: true },
  };
}

/** The month of an ISO timestamp as people read it, e.g. "Nov 2026". */
export function monthLabel(timestamp: string): string {
  const date = new Date(timestamp.length === 23 || timestamp.length === 19 ? `${timestamp}Z` : timestamp);
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
