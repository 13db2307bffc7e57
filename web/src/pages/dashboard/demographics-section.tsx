import type { EChartsOption } from 'echarts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatNumber, t } from '../../i18n/i18n';
import { SelectField } from '../../ui/field';
import { ChartPanel } from './chart-panel';
import { personsHref } from './drill';
import { barOption, baseOption, chartSummary } from './chart-options';
import { DashboardFilters, Scope, SCOPES } from './filters';
import { AGE_BANDS, codeLabel, placeNamer, SEXES } from './labels';
import { DemographicRow, demographicsQuery, useCountryNames } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

type Population = 'victims' | 'defendants';
/** Nationalities drawn as bars; the table lists every one. */
const NATIONALITY_BARS = 15;

const abs = (v: unknown) => formatNumber(Math.abs(Number(v)));

/** The case list of a cell's persons (a sex, an age band, a nationality, or a sex and an age band). */
type CellHref = (cell: { sex?: string; ageBand?: string; nationality?: string }) => string;

/** Sex × age band: men to the left, women, transgender persons and persons of unknown sex to the right. */
function pyramid(rows: DemographicRow[], title: string, href: CellHref) {
  const count = (sex: string, band: string) =>
    rows.filter((r) => r.sex === sex && r.ageBand === band).reduce((n, r) => n + r.count, 0);
  const grid = AGE_BANDS.map((band) => ({ band, bySex: SEXES.map((sex) => count(sex, band)) }));
  const table: TableData = {
    columns: [
      { key: 'band', label: t('dashboard.col.ageBand') },
      ...SEXES.map((sex) => ({ key: sex, label: codeLabel('sex', sex), numeric: true })),
      { key: 'total', label: t('dashboard.col.total'), numeric: true },
    ],
    rows: grid.map((g) => ({
      key: g.band,
      cells: {
        band: codeLabel('ageBand', g.band),
        ...Object.fromEntries(SEXES.map((sex, i) => [sex, g.bySex[i]])),
        total: g.bySex.reduce((a, b) => a + b, 0),
      },
      // each number leads to the cases of its persons (none where there are none)
      links: {
        ...Object.fromEntries(SEXES.map((sex, i) => [sex, g.bySex[i] ? href({ sex, ageBand: g.band }) : undefined])),
        total: g.bySex.some(Boolean) ? href({ ageBand: g.band }) : undefined,
      },
    })),
  };
  // the same scale either side of zero, so the two sides compare at a glance
  const left = grid.reduce((m, g) => Math.max(m, g.bySex[0]), 0);
  const right = grid.reduce(
    (m, g) =>
      Math.max(
        m,
        g.bySex.slice(1).reduce((a, b) => a + b, 0),
      ),
    0,
  );
  const reach = Math.max(1, left, right);
  const option: EChartsOption = {
    ...baseOption(SEXES.length),
    tooltip: { trigger: 'item', valueFormatter: abs },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 40, left: 8, right: 24, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, min: -reach, max: reach, axisLabel: { formatter: abs } },
    yAxis: { type: 'category', data: AGE_BANDS.map((b) => codeLabel('ageBand', b)) },
    series: SEXES.map((sex, i) => ({
      type: 'bar' as const,
      name: codeLabel('sex', sex),
      // one stack: men (negative) grow to the left, everyone else to the right
      stack: 'people',
      data: grid.map((g) => (sex === 'male' ? -g.bySex[i] : g.bySex[i])),
    })),
  };
  const totals = SEXES.map((sex, i): [string, number] => [
    codeLabel('sex', sex),
    grid.reduce((n, g) => n + g.bySex[i], 0),
  ]);
  const drill = (item: { seriesIndex: number; dataIndex: number }) => {
    const sex = SEXES[item.seriesIndex];
    const band = AGE_BANDS[item.dataIndex];
    return sex && band ? href({ sex, ageBand: band }) : undefined;
  };
  return { table, option, drill, summary: chartSummary(title, totals), empty: rows.length === 0 };
}

function nationalities(rows: DemographicRow[], title: string, name: (code: string) => string, href: CellHref) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.nationality, (totals.get(r.nationality) ?? 0) + r.count);
  const sorted = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, NATIONALITY_BARS);
  const table: TableData = {
    columns: [
      { key: 'nationality', label: t('dashboard.col.nationality') },
      { key: 'persons', label: t('dashboard.col.persons'), numeric: true },
    ],
    rows: sorted.map(([code, n]) => ({
      key: code,
      cells: { nationality: name(code), persons: n },
      links: { persons: href({ nationality: code }) },
    })),
  };
  return {
    table,
    drill: (item: { dataIndex: number }) => {
      const bar = shown[item.dataIndex];
      return bar ? href({ nationality: bar[0] }) : undefined;
    },
    option: barOption({
      categories: shown.map(([code]) => name(code)),
      series: [{ name: t('dashboard.col.persons'), values: shown.map(([, n]) => n) }],
      horizontal: true,
    }),
    summary: chartSummary(
      title,
      sorted.map(([code, n]) => [name(code), n]),
    ),
    empty: rows.length === 0,
  };
}

/** Item (b): victims and defendants by sex, age and nationality, of the cases prosecuted or of all registered. */
export function DemographicsSection({ state, params, setView, filePrefix }: SectionProps) {
  const { scope } = state.view;
  return (
    <section aria-labelledby="dashboard-people" className="dashboard-section">
      <h2 id="dashboard-people">{t('dashboard.people.heading')}</h2>
      <div className="chart-controls">
        <SelectField
          label={t('dashboard.people.scope')}
          value={scope}
          onChange={(e) => setView({ scope: e.target.value as Scope })}
        >
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`dashboard.scope.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="panel-grid">
        <People population="victims" filters={state.filters} {...{ params, scope, filePrefix }} />
        <People population="defendants" filters={state.filters} {...{ params, scope, filePrefix }} />
      </div>
    </section>
  );
}

function People({
  population,
  filters,
  params,
  scope,
  filePrefix,
}: Pick<SectionProps, 'params' | 'filePrefix'> & { population: Population; scope: Scope; filters: DashboardFilters }) {
  const query = useQuery(demographicsQuery(params, population, scope));
  const countries = useCountryNames();
  const name = useMemo(() => placeNamer(countries, new Map()), [countries]);
  const pyramidTitle = t(`dashboard.people.pyramid.${population}`);
  const nationalityTitle = t(`dashboard.people.nationality.${population}`);
  const figures = useMemo(() => {
    const rows = query.data?.rows ?? [];
    const href: CellHref = (cell) => personsHref(filters, population, scope, cell);
    return {
      pyramid: pyramid(rows, pyramidTitle, href),
      nationalities: nationalities(rows, nationalityTitle, name, href),
    };
  }, [query.data, pyramidTitle, nationalityTitle, name, filters, population, scope]);
  const scopeWords = <p>{t(`dashboard.scope.intro.${scope}`)}</p>;
  return (
    <>
      <ChartPanel
        id={`pyramid-${population}`}
        title={pyramidTitle}
        intro={scopeWords}
        status={query}
        {...figures.pyramid}
        height={340}
        fileName={`${filePrefix}-${population}-${scope}-sex-age`}
      />
      <ChartPanel
        id={`nationality-${population}`}
        title={nationalityTitle}
        intro={scopeWords}
        status={query}
        {...figures.nationalities}
        fileName={`${filePrefix}-${population}-${scope}-nationality`}
      />
    </>
  );
}
