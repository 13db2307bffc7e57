import type { EChartsOption } from 'echarts';
import { formatNumber, t } from '../../i18n/i18n';

/** Okabe and Ito's colours, told apart with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const TEXT = { color: '#1b1f23', fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' };

export interface SeriesData {
  name: string;
  values: number[];
}

/** What every chart shares: the palette, the text, and patterns as well as colours when series are several. */
export function baseOption(series: number): EChartsOption {
  return {
    color: PALETTE,
    textStyle: TEXT,
    aria: { enabled: series > 1, label: { enabled: false }, decal: { show: series > 1 } },
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v)) },
  };
}

/**
 * Bars of several series over categories: vertical, or horizontal (ranked lists, long
 * names), side by side or stacked.
 */
export function barOption({
  categories,
  series,
  horizontal = false,
  stacked = false,
  line = false,
}: {
  categories: string[];
  series: SeriesData[];
  horizontal?: boolean;
  stacked?: boolean;
  /** Lines instead of bars (a trend). */
  line?: boolean;
}): EChartsOption {
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    inverse: horizontal,
    axisLabel: { width: 160, overflow: 'truncate' as const, hideOverlap: true },
  };
  const valueAxis = {
    type: 'value' as const,
    minInterval: 1,
    axisLabel: { formatter: (v: number) => formatNumber(v) },
  };
  return {
    ...baseOption(series.length),
    legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    grid: { top: series.length > 1 ? 40 : 16, left: 8, right: 24, bottom: 8 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) =>
      line
        ? { type: 'line' as const, name: s.name, data: s.values, symbolSize: 6 }
        : {
            type: 'bar' as const,
            name: s.name,
            data: s.values,
            stack: stacked ? 'all' : undefined,
            barMaxWidth: 48,
            label: { show: !stacked && series.length === 1, position: horizontal ? 'right' : 'top' },
          },
    ),
  };
}

/**
 * The chart in words for a screen reader: its title, then its largest figures, and where the
 * rest are.
 */
export function chartSummary(title: string, items: Array<[string, number]>, limit = 8): string {
  if (items.length === 0) return `${title}: ${t('dashboard.panel.empty')}`;
  const shown = items
    .slice(0, limit)
    .map(([name, value]) => `${name} ${formatNumber(value)}`)
    .join(', ');
  const more = items.length > limit ? ` ${t('dashboard.panel.moreInTable', { count: items.length - limit })}` : '';
  return `${title}: ${shown}.${more}`;
}
