import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { t } from '../../i18n/i18n';
import { ChartPanel } from './chart-panel';
import { barOption, chartSummary } from './chart-options';
import { repeatOffendersQuery } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

/**
 * Defendants linked across two or more cases, as counts only: how many offenders had how many
 * cases, in one jurisdiction or in several. No identity, not even the answer's pseudonyms.
 */
export function RepeatOffendersSection({ params, filePrefix }: SectionProps) {
  const query = useQuery(repeatOffendersQuery(params));
  const figures = useMemo(() => {
    const offenders = query.data?.offenders ?? [];
    const byCases = new Map<number, { one: number; several: number }>();
    for (const o of offenders) {
      const row = byCases.get(o.cases) ?? { one: 0, several: 0 };
      if (o.jurisdictions > 1) row.several++;
      else row.one++;
      byCases.set(o.cases, row);
    }
    const rows = [...byCases].sort((a, b) => a[0] - b[0]);
    const label = (cases: number) => t('dashboard.repeat.casesEach', { cases });
    const table: TableData = {
      columns: [
        { key: 'cases', label: t('dashboard.col.casesPerOffender') },
        { key: 'one', label: t('dashboard.repeat.oneJurisdiction'), numeric: true },
        { key: 'several', label: t('dashboard.repeat.severalJurisdictions'), numeric: true },
        { key: 'total', label: t('dashboard.col.offenders'), numeric: true },
      ],
      rows: rows.map(([cases, r]) => ({
        key: String(cases),
        cells: { cases: label(cases), one: r.one, several: r.several, total: r.one + r.several },
      })),
    };
    const several = offenders.filter((o) => o.jurisdictions > 1).length;
    return {
      table,
      total: offenders.length,
      several,
      option: barOption({
        categories: rows.map(([cases]) => label(cases)),
        series: [
          { name: t('dashboard.repeat.oneJurisdiction'), values: rows.map(([, r]) => r.one) },
          { name: t('dashboard.repeat.severalJurisdictions'), values: rows.map(([, r]) => r.several) },
        ],
        stacked: true,
      }),
      summary: chartSummary(
        t('dashboard.repeat.title'),
        rows.map(([cases, r]) => [label(cases), r.one + r.several]),
      ),
      empty: offenders.length === 0,
    };
  }, [query.data]);

  return (
    <section aria-labelledby="dashboard-repeat" className="dashboard-section">
      <h2 id="dashboard-repeat">{t('dashboard.repeat.heading')}</h2>
      <ChartPanel
        id="repeat-offenders"
        title={t('dashboard.repeat.title')}
        intro={
          <p>
            {t('dashboard.repeat.intro')}{' '}
            {!figures.empty && t('dashboard.repeat.totals', { total: figures.total, several: figures.several })}
          </p>
        }
        status={query}
        summary={figures.summary}
        option={figures.option}
        table={figures.table}
        empty={figures.empty}
        emptyText={t('dashboard.repeat.none')}
        fileName={`${filePrefix}-repeat-offenders`}
      />
    </section>
  );
}
