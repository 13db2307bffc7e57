import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { t } from '../../i18n/i18n';
import { ChartPanel } from './chart-panel';
import { barOption, chartSummary } from './chart-options';
import { casesHref } from './drill';
import { codeLabel, jurisdictionLabel, listLabel } from './labels';
import { useCodeLists, vulnerabilitiesQuery } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;

/** Victims identified by vulnerability (ranked, by age group) and the districts they live in. */
export function VulnerabilitiesSection({ state, params, filePrefix }: SectionProps) {
  const { filters } = state;
  const query = useQuery(vulnerabilitiesQuery(params));
  const labels = useCodeLists().data?.vulnerability;

  const vulnerabilities = useMemo(() => {
    const href = (vulnerability: string, ageGroup?: string) =>
      casesHref(filters, 'victims', { vulnerability, ageGroup });
    const byCode = new Map<string, number[]>();
    for (const r of query.data?.rows ?? []) {
      const counts = byCode.get(r.vulnerability) ?? AGE_GROUPS.map(() => 0);
      const i = AGE_GROUPS.findIndex((g) => g === r.ageGroup);
      counts[i < 0 ? 2 : i] += r.count;
      byCode.set(r.vulnerability, counts);
    }
    const ranked = [...byCode]
      .map(([code, counts]) => ({
        code,
        name: listLabel(labels, code),
        counts,
        total: counts.reduce((a, b) => a + b, 0),
      }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
    const table: TableData = {
      columns: [
        { key: 'vulnerability', label: t('dashboard.col.vulnerability') },
        ...AGE_GROUPS.map((g) => ({ key: g, label: codeLabel('ageGroup', g), numeric: true })),
        { key: 'total', label: t('dashboard.col.total'), numeric: true },
      ],
      rows: ranked.map((v) => ({
        key: v.code,
        cells: {
          vulnerability: v.name,
          ...Object.fromEntries(AGE_GROUPS.map((g, i) => [g, v.counts[i]])),
          total: v.total,
        },
        // each number leads to the cases of those victims (none where there are none)
        links: {
          ...Object.fromEntries(AGE_GROUPS.map((g, i) => [g, v.counts[i] ? href(v.code, g) : undefined])),
          total: href(v.code),
        },
      })),
    };
    const title = t('dashboard.vulnerabilities.title');
    return {
      table,
      option: barOption({
        categories: ranked.map((v) => v.name),
        series: AGE_GROUPS.map((g, i) => ({ name: codeLabel('ageGroup', g), values: ranked.map((v) => v.counts[i]) })),
        horizontal: true,
        stacked: true,
      }),
      summary: chartSummary(
        title,
        ranked.map((v) => [v.name, v.total]),
      ),
      empty: ranked.length === 0,
      height: Math.max(240, ranked.length * 30 + 60),
      drill: (item: { seriesIndex: number; dataIndex: number }) => {
        const v = ranked[item.dataIndex];
        const group = AGE_GROUPS[item.seriesIndex];
        return v && group ? href(v.code, group) : undefined;
      },
    };
  }, [query.data, labels, filters]);

  const hotspots = useMemo(() => {
    const rows = query.data?.hotspots ?? [];
    const href = (district: string) => casesHref(filters, 'victims', { residenceDistrict: district });
    const table: TableData = {
      columns: [
        { key: 'district', label: t('dashboard.col.district') },
        { key: 'jurisdiction', label: t('dashboard.col.jurisdiction') },
        { key: 'victims', label: t('dashboard.col.victims'), numeric: true },
      ],
      rows: rows.map((h) => ({
        key: h.district,
        cells: { district: h.districtName, jurisdiction: jurisdictionLabel(h.jurisdiction), victims: h.victims },
        links: { victims: href(h.district) },
      })),
    };
    return {
      rows,
      href,
      table,
      option: barOption({
        categories: rows.map((h) => h.districtName),
        series: [{ name: t('dashboard.col.victims'), values: rows.map((h) => h.victims) }],
        horizontal: true,
      }),
      summary: chartSummary(
        t('dashboard.hotspots.title'),
        rows.map((h) => [`${h.districtName} (${jurisdictionLabel(h.jurisdiction)})`, h.victims]),
      ),
      empty: rows.length === 0,
      height: Math.max(240, rows.length * 26 + 40),
    };
  }, [query.data, filters]);

  return (
    <section aria-labelledby="dashboard-vulnerabilities" className="dashboard-section">
      <h2 id="dashboard-vulnerabilities">{t('dashboard.vulnerabilities.heading')}</h2>
      <div className="panel-grid">
        <ChartPanel
          id="vulnerabilities"
          title={t('dashboard.vulnerabilities.title')}
          intro={<p>{t('dashboard.vulnerabilities.intro')}</p>}
          status={query}
          summary={vulnerabilities.summary}
          option={vulnerabilities.option}
          table={vulnerabilities.table}
          empty={vulnerabilities.empty}
          height={vulnerabilities.height}
          fileName={`${filePrefix}-vulnerabilities`}
          drill={vulnerabilities.drill}
        />
        <ChartPanel
          id="hotspots"
          title={t('dashboard.hotspots.title')}
          intro={<p>{t('dashboard.hotspots.intro')}</p>}
          status={query}
          summary={hotspots.summary}
          option={hotspots.option}
          table={hotspots.table}
          empty={hotspots.empty}
          height={hotspots.height}
          fileName={`${filePrefix}-residence-districts`}
          drill={(item) => {
            const h = hotspots.rows[item.dataIndex];
            return h ? hotspots.href(h.district) : undefined;
          }}
        />
      </div>
    </section>
  );
}
