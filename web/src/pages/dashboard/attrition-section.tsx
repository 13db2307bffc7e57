import type { EChartsOption } from 'echarts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatNumber, MessageKey, t } from '../../i18n/i18n';
import { ChartPanel } from './chart-panel';
import { baseOption, chartSummary, PALETTE } from './chart-options';
import { casesHref } from './drill';
import { percent } from './labels';
import { Attrition, attritionQuery } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

/** The funnel's stages, each with the attrition figure it shows and the `stage` its cases are listed by. */
const STAGES: Array<{ key: keyof Omit<Attrition, 'medianDays' | 'reporting'>; label: MessageKey; stage?: string }> = [
  { key: 'registered', label: 'dashboard.stage.registered' },
  { key: 'challanSubmitted', label: 'dashboard.stage.challanSubmitted', stage: 'challan' },
  { key: 'prosecuted', label: 'dashboard.stage.prosecuted', stage: 'prosecuted' },
  { key: 'convicted', label: 'dashboard.stage.convicted', stage: 'convicted' },
];
const OTHER_OUTCOMES: Array<{ key: keyof Omit<Attrition, 'medianDays' | 'reporting'>; label: MessageKey }> = [
  { key: 'investigationConcluded', label: 'dashboard.stage.investigationConcluded' },
  { key: 'acquitted', label: 'dashboard.stage.acquitted' },
  { key: 'cancelled', label: 'dashboard.stage.cancelled' },
  { key: 'untraced', label: 'dashboard.stage.untraced' },
];
const MEDIANS: Array<{ key: keyof Attrition['medianDays']; label: MessageKey }> = [
  { key: 'firToChallan', label: 'dashboard.median.firToChallan' },
  { key: 'challanToJudgment', label: 'dashboard.median.challanToJudgment' },
  { key: 'firToJudgment', label: 'dashboard.median.firToJudgment' },
];

const days = (value: number | null) =>
  value === null ? t('dashboard.median.noData') : t('dashboard.median.days', { days: formatNumber(value) });

/** What became of the cases registered in the period: registered → challan → prosecuted → convicted. */
export function AttritionSection({ state, params, filePrefix }: SectionProps) {
  const { filters } = state;
  const attrition = useQuery(attritionQuery(params));
  const figures = useMemo(() => {
    const a = attrition.data;
    const stages = STAGES.map((s) => ({
      ...s,
      name: t(s.label),
      value: a?.[s.key] ?? 0,
      href: casesHref(filters, 'registered', { stage: s.stage }),
    }));
    const registered = a?.registered ?? 0;
    const table: TableData = {
      columns: [
        { key: 'stage', label: t('dashboard.col.stage') },
        { key: 'cases', label: t('dashboard.col.cases'), numeric: true },
        { key: 'share', label: t('dashboard.col.shareOfRegistered'), numeric: true },
      ],
      rows: stages.map((s) => ({
        key: s.key,
        cells: { stage: s.name, cases: s.value, share: percent(s.value, registered) },
        links: { cases: s.value ? s.href : undefined },
      })),
    };
    const option: EChartsOption = {
      ...baseOption(1),
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          right: '10%',
          top: 8,
          bottom: 8,
          minSize: '8%',
          gap: 4,
          // one colour: the stages are told apart by their words and their place
          itemStyle: { color: PALETTE[0] },
          label: {
            position: 'inside',
            color: '#ffffff',
            formatter: (p) => `${p.name}: ${formatNumber(Number(p.value))}`,
          },
          data: stages.map((s) => ({ name: s.name, value: s.value })),
        },
      ],
    };
    return {
      stages,
      table,
      option,
      summary: chartSummary(
        t('dashboard.attrition.title'),
        stages.map((s) => [s.name, s.value]),
      ),
      empty: registered === 0,
    };
  }, [attrition.data, filters]);

  const a = attrition.data;
  const footer = a && (
    <div className="attrition-facts">
      <dl className="details">
        {MEDIANS.map((m) => (
          <div key={m.key}>
            <dt>{t(m.label)}</dt>
            <dd>{days(a.medianDays[m.key])}</dd>
          </div>
        ))}
      </dl>
      <dl className="details">
        {OTHER_OUTCOMES.map((o) => (
          <div key={o.key}>
            <dt>{t(o.label)}</dt>
            <dd>{formatNumber(a[o.key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );

  return (
    <section aria-labelledby="dashboard-attrition" className="dashboard-section">
      <h2 id="dashboard-attrition">{t('dashboard.attrition.heading')}</h2>
      <ChartPanel
        id="attrition"
        title={t('dashboard.attrition.title')}
        intro={<p>{t('dashboard.attrition.intro')}</p>}
        status={attrition}
        summary={figures.summary}
        option={figures.option}
        table={figures.table}
        empty={figures.empty}
        fileName={`${filePrefix}-attrition`}
        footer={footer}
        drill={(item) => {
          const s = figures.stages[item.dataIndex];
          return s?.value ? s.href : undefined;
        }}
      />
    </section>
  );
}
