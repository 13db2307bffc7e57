import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { t } from '../../i18n/i18n';
import { SelectField } from '../../ui/field';
import { ChartPanel } from './chart-panel';
import { barOption, chartSummary } from './chart-options';
import { casesHref, DrillDetail, Measure } from './drill';
import {
  DashboardFilters,
  groupsFor,
  TREND_CHARTS,
  TREND_INTERVALS,
  TREND_METRICS,
  TrendChart,
  TrendGroup,
  TrendInterval,
  TrendMetric,
} from './filters';
import { codeLabel, jurisdictionLabel, listLabel } from './labels';
import { trendPeriodRange } from './period';
import { CodeItem, useCodeLists, trendsQuery } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

/**
 * The case list's basis for a trend point: its total equals a case count; for persons the list
 * counts them beside their cases (personCount for prosecutions and convictions, victimCount for
 * victims), equal to the point.
 */
const TREND_MEASURES: Record<TrendMetric, Measure> = {
  casesRegistered: 'registered',
  casesInvestigated: 'investigated',
  prosecutions: 'prosecuted',
  convictions: 'convicted',
  victims: 'victims',
};

function seriesLabel(group: TrendGroup, key: string, forms: CodeItem[] | undefined, metricLabel: string): string {
  switch (group) {
    case 'none':
      return metricLabel;
    case 'jurisdiction':
      return jurisdictionLabel(key);
    case 'exploitationForm':
      return key === 'unspecified' ? t('dashboard.trends.unspecified') : listLabel(forms, key);
    case 'sex':
      return codeLabel('sex', key);
    case 'offenceFamily':
      return codeLabel('family', key);
  }
}

/**
 * The cases (and persons) behind one point of a trend: its period, and its group — a province,
 * an offence, a form of exploitation (`unspecified`: none recorded) or the persons' sex.
 */
function trendHref(
  filters: DashboardFilters,
  metric: TrendMetric,
  group: TrendGroup,
  key: string,
  period: string,
): string {
  const detail: DrillDetail = { period: trendPeriodRange(period, filters) };
  if (group === 'jurisdiction') detail.jurisdiction = key;
  if (group === 'exploitationForm') detail.exploitationForm = key;
  if (group === 'offenceFamily') detail.offenceFamily = key;
  if (group === 'sex') detail.sex = key;
  return casesHref(filters, TREND_MEASURES[metric], detail);
}

/** One metric per month, quarter or year, split by a grouping, as lines or stacked bars. */
export function TrendsSection({ state, params, setView, filePrefix }: SectionProps) {
  const { filters, view } = state;
  const trends = useQuery(trendsQuery(params, view));
  const forms = useCodeLists().data?.exploitation_form;
  const metricLabel = t(`dashboard.metric.${view.metric}`);

  const figures = useMemo(() => {
    const series = (trends.data?.series ?? []).map((s) => ({
      ...s,
      label: seriesLabel(view.groupBy, s.key, forms, metricLabel),
    }));
    const periods = series[0]?.points.map((p) => p.period) ?? [];
    const table: TableData = {
      columns: [
        { key: 'period', label: t('dashboard.col.period') },
        ...series.map((s) => ({ key: `s:${s.key}`, label: s.label, numeric: true })),
        ...(series.length > 1 ? [{ key: 'total', label: t('dashboard.col.total'), numeric: true }] : []),
      ],
      rows: periods.map((period, i) => {
        const cells: Record<string, string | number> = { period };
        const links: Record<string, string | undefined> = {};
        for (const s of series) {
          const value = s.points[i]?.value ?? 0;
          cells[`s:${s.key}`] = value;
          links[`s:${s.key}`] = value ? trendHref(filters, view.metric, view.groupBy, s.key, period) : undefined;
        }
        if (series.length > 1) cells.total = series.reduce((n, s) => n + (s.points[i]?.value ?? 0), 0);
        return { key: period, cells, links };
      }),
    };
    const totals = series.map((s): [string, number] => [s.label, s.points.reduce((n, p) => n + p.value, 0)]);
    return {
      series,
      periods,
      table,
      option: barOption({
        categories: periods,
        series: series.map((s) => ({ name: s.label, values: s.points.map((p) => p.value) })),
        stacked: view.trendChart === 'bars',
        line: view.trendChart === 'line',
      }),
      summary:
        series.length === 1
          ? chartSummary(
              `${t('dashboard.trends.title')}, ${metricLabel}`,
              series[0].points.map((p) => [p.period, p.value]),
              24,
            )
          : chartSummary(`${t('dashboard.trends.title')}, ${metricLabel} (${t('dashboard.trends.totals')})`, totals),
      empty: series.every((s) => s.points.every((p) => p.value === 0)),
    };
  }, [trends.data, view.groupBy, view.metric, view.trendChart, forms, filters, metricLabel]);

  const controls = (
    <>
      <SelectField
        label={t('dashboard.trends.metric')}
        value={view.metric}
        onChange={(e) => {
          const metric = e.target.value as TrendMetric;
          setView({ metric, groupBy: groupsFor(metric).includes(view.groupBy) ? view.groupBy : 'none' });
        }}
      >
        {TREND_METRICS.map((m) => (
          <option key={m} value={m}>
            {t(`dashboard.metric.${m}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('dashboard.trends.interval')}
        value={view.interval}
        onChange={(e) => setView({ interval: e.target.value as TrendInterval })}
      >
        {TREND_INTERVALS.map((i) => (
          <option key={i} value={i}>
            {t(`dashboard.interval.${i}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('dashboard.trends.groupBy')}
        value={view.groupBy}
        onChange={(e) => setView({ groupBy: e.target.value as TrendGroup })}
      >
        {groupsFor(view.metric).map((g) => (
          <option key={g} value={g}>
            {t(`dashboard.group.${g}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('dashboard.trends.chart')}
        value={view.trendChart}
        onChange={(e) => setView({ trendChart: e.target.value as TrendChart })}
      >
        {TREND_CHARTS.map((c) => (
          <option key={c} value={c}>
            {t(`dashboard.trendChart.${c}`)}
          </option>
        ))}
      </SelectField>
    </>
  );

  return (
    <section aria-labelledby="dashboard-trends" className="dashboard-section">
      <h2 id="dashboard-trends">{t('dashboard.trends.heading')}</h2>
      <ChartPanel
        id="trends"
        title={`${t('dashboard.trends.title')}: ${metricLabel}`}
        intro={<p>{t(`dashboard.trends.rule.${view.metric}`)}</p>}
        controls={controls}
        status={trends}
        summary={figures.summary}
        option={figures.option}
        table={figures.table}
        empty={figures.empty}
        height={360}
        fileName={`${filePrefix}-trend-${view.metric}-${view.interval}-${view.groupBy}`}
        drill={(item) => {
          const s = figures.series[item.seriesIndex];
          const period = figures.periods[item.dataIndex];
          const value = s?.points[item.dataIndex]?.value;
          return s && period && value ? trendHref(filters, view.metric, view.groupBy, s.key, period) : undefined;
        }}
      />
    </section>
  );
}
