import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatNumber, MessageKey, t } from '../../i18n/i18n';
import { QueryState } from '../../ui/query-state';
import { ChartPanel } from './chart-panel';
import { barOption, chartSummary } from './chart-options';
import { casesHref, Measure } from './drill';
import { agencyLabel, codeLabel, jurisdictionLabel, percent, STATUSES } from './labels';
import { AGENCIES } from './filters';
import { previousPeriod } from './period';
import { AgencyFigures, statusQuery, Summary, summaryQuery, withPeriod } from './queries';
import type { SectionProps } from './section';
import type { TableData } from './table-data';

interface Figure {
  term: string;
  value: number;
  previous: number | undefined;
}

/** The Rule 42 figures, as the summary gives them in total and for each agency. */
type Figures = Omit<AgencyFigures, 'agency'>;

/** One agency's figures of a card, each with the cases behind it when the card lists them. */
interface AgencyRow {
  agency: string;
  figures: Array<{ value: number; href?: string }>;
}

interface CardSpec {
  id: string;
  title: MessageKey;
  rule: MessageKey;
  figures: (s: Figures) => Array<{ term: MessageKey; value: number }>;
  /** The cases behind the card's case figure. */
  measure?: Measure;
}

const CARDS: CardSpec[] = [
  {
    id: 'registered',
    title: 'dashboard.card.casesRegistered',
    rule: 'dashboard.rule.casesRegistered',
    figures: (s) => [{ term: 'dashboard.card.cases', value: s.casesRegistered }],
    measure: 'registered',
  },
  {
    id: 'investigated',
    title: 'dashboard.card.casesInvestigated',
    rule: 'dashboard.rule.casesInvestigated',
    figures: (s) => [{ term: 'dashboard.card.cases', value: s.casesInvestigated }],
    measure: 'investigated',
  },
  {
    id: 'prosecuted',
    title: 'dashboard.card.prosecuted',
    rule: 'dashboard.rule.prosecuted',
    figures: (s) => [
      { term: 'dashboard.card.persons', value: s.prosecutions.persons },
      { term: 'dashboard.card.cases', value: s.prosecutions.cases },
    ],
    measure: 'prosecuted',
  },
  {
    id: 'convicted',
    title: 'dashboard.card.convicted',
    rule: 'dashboard.rule.convicted',
    figures: (s) => [
      { term: 'dashboard.card.persons', value: s.convictions.persons },
      { term: 'dashboard.card.cases', value: s.convictions.cases },
    ],
    measure: 'convicted',
  },
  {
    id: 'victims',
    title: 'dashboard.card.victimsIdentified',
    rule: 'dashboard.rule.victimsIdentified',
    figures: (s) => [{ term: 'dashboard.card.victims', value: s.victimsIdentified }],
  },
  {
    id: 'suspects',
    title: 'dashboard.card.suspects',
    rule: 'dashboard.rule.suspects',
    figures: (s) => [{ term: 'dashboard.card.persons', value: s.suspects }],
  },
];

/** Items (a), (c), (d), (e), victims and suspects as cards with the change on the period before; (f) as bars. */
export function SummarySection({ state, params, filePrefix }: SectionProps) {
  const { filters } = state;
  const summary = useQuery(summaryQuery(params));
  const before = previousPeriod(filters);
  const previous = useQuery(summaryQuery(withPeriod(params, before)));
  return (
    <section aria-labelledby="dashboard-summary" className="dashboard-section">
      <h2 id="dashboard-summary">{t('dashboard.summary.title')}</h2>
      <QueryState query={summary}>
        {() => (
          <>
            <ul className="cards">
              {CARDS.map((card) => {
                const now = card.figures(summary.data!);
                const then = previous.data ? card.figures(previous.data) : undefined;
                return (
                  <SummaryCard
                    key={card.id}
                    title={t(card.title)}
                    rule={t(card.rule)}
                    figures={now.map((f, i) => ({ term: t(f.term), value: f.value, previous: then?.[i].value }))}
                    href={card.measure ? casesHref(filters, card.measure) : undefined}
                    byAgency={AGENCIES.map((agency): AgencyRow => {
                      const found = summary.data!.byAgency.find((a) => a.agency === agency);
                      return {
                        agency,
                        figures: (found ? card.figures(found) : now.map(() => ({ value: 0 }))).map(({ value }) => ({
                          value,
                          href: card.measure && value ? casesHref(filters, card.measure, { agency }) : undefined,
                        })),
                      };
                    })}
                  />
                );
              })}
            </ul>
            <p className="hint">
              {t('dashboard.change.against', { from: formatDate(before.from), to: formatDate(before.to) })}
            </p>
          </>
        )}
      </QueryState>
      <div className="panel-grid">
        <StatusPanel {...{ state, params, filePrefix }} />
        {!filters.jurisdiction && summary.data && (
          <JurisdictionPanel summary={summary.data} {...{ state, params, filePrefix }} />
        )}
      </div>
    </section>
  );
}

function SummaryCard({
  title,
  rule,
  figures,
  href,
  byAgency,
}: {
  title: string;
  rule: string;
  figures: Figure[];
  href?: string;
  byAgency: AgencyRow[];
}) {
  const headingId = useId();
  const ruleId = useId();
  const [open, setOpen] = useState(false);
  return (
    <li>
      <section className="card" aria-labelledby={headingId}>
        <div className="card-head">
          <h3 id={headingId}>{title}</h3>
          <button
            type="button"
            className="info-button"
            aria-expanded={open}
            aria-controls={ruleId}
            onClick={() => setOpen((v) => !v)}
          >
            <InfoIcon />
            {t('dashboard.card.howCounted')}
          </button>
        </div>
        <p id={ruleId} className="card-rule" hidden={!open}>
          {rule}
        </p>
        <dl className="card-figures">
          {figures.map((f) => (
            <div key={f.term}>
              <dt>{f.term}</dt>
              <dd>{formatNumber(f.value)}</dd>
            </div>
          ))}
        </dl>
        <ul className="card-changes">
          {figures.map((f) => (
            <li key={f.term}>{changeText(f)}</li>
          ))}
        </ul>
        <table className="card-agencies">
          <caption>{t('dashboard.card.byAgency')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.card.agency')}</th>
              {figures.map((f) => (
                <th key={f.term} scope="col">
                  {f.term}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byAgency.map((row) => (
              <tr key={row.agency}>
                <th scope="row">{agencyLabel(row.agency)}</th>
                {row.figures.map((f, i) => (
                  <td key={figures[i]?.term ?? i}>
                    {f.href ? <Link to={f.href}>{formatNumber(f.value)}</Link> : formatNumber(f.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {href && <Link to={href}>{t('dashboard.card.listCases')}</Link>}
      </section>
    </li>
  );
}

function InfoIcon() {
  return (
    <svg className="info-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="7.25" y="7" width="1.5" height="5" fill="currentColor" />
      <circle cx="8" cy="4.75" r="1" fill="currentColor" />
    </svg>
  );
}

/** The change against the previous period, in words and with an arrow (never colour alone). */
function changeText({ term, value, previous }: Figure): string {
  if (previous === undefined) return t('dashboard.change.loading', { term });
  const diff = value - previous;
  if (diff === 0) return t('dashboard.change.same', { term, previous });
  if (previous === 0) return t('dashboard.change.fromNone', { term, diff });
  const change = percent(Math.abs(diff), previous);
  return diff > 0
    ? t('dashboard.change.more', { term, diff, previous, percent: change })
    : t('dashboard.change.fewer', { term, diff: -diff, previous, percent: change });
}

/** (f): every case registered by `to`, by its status on that date. */
function StatusPanel({ state, params, filePrefix }: Omit<SectionProps, 'setView'>) {
  const { filters } = state;
  const status = useQuery(statusQuery(params));
  const view = useMemo(() => {
    const total = status.data?.total;
    const rows = STATUSES.map((s) => ({ status: s, label: codeLabel('status', s), cases: total?.[s] ?? 0 }));
    const table: TableData = {
      columns: [
        { key: 'status', label: t('dashboard.col.status') },
        { key: 'cases', label: t('dashboard.col.cases'), numeric: true },
      ],
      rows: rows.map((r) => ({
        key: r.status,
        cells: { status: r.label, cases: r.cases },
        links: { cases: r.cases ? casesHref(filters, 'status', { status: r.status }) : undefined },
      })),
    };
    const title = t('dashboard.status.title');
    return {
      rows,
      table,
      option: barOption({
        categories: rows.map((r) => r.label),
        series: [{ name: t('dashboard.col.cases'), values: rows.map((r) => r.cases) }],
        horizontal: true,
      }),
      summary: chartSummary(
        title,
        rows.filter((r) => r.cases > 0).map((r) => [r.label, r.cases]),
        STATUSES.length,
      ),
      empty: rows.every((r) => r.cases === 0),
    };
  }, [status.data, filters]);
  return (
    <ChartPanel
      id="status"
      title={t('dashboard.status.title')}
      intro={<p>{t('dashboard.status.intro', { date: formatDate(filters.to) })}</p>}
      status={status}
      summary={view.summary}
      option={view.option}
      table={view.table}
      empty={view.empty}
      fileName={`${filePrefix}-status`}
      drill={(item) => {
        const row = view.rows[item.dataIndex];
        return row?.cases ? casesHref(filters, 'status', { status: row.status }) : undefined;
      }}
    />
  );
}

const JURISDICTION_MEASURES: Array<{
  key: string;
  label: MessageKey;
  measure: Measure;
  value: (j: Summary['byJurisdiction'][number]) => number;
}> = [
  { key: 'registered', label: 'dashboard.col.registered', measure: 'registered', value: (j) => j.casesRegistered },
  {
    key: 'investigated',
    label: 'dashboard.col.investigated',
    measure: 'investigated',
    value: (j) => j.casesInvestigated,
  },
  {
    key: 'prosecuted',
    label: 'dashboard.col.prosecutedCases',
    measure: 'prosecuted',
    value: (j) => j.prosecutions.cases,
  },
  { key: 'convicted', label: 'dashboard.col.convictedCases', measure: 'convicted', value: (j) => j.convictions.cases },
];

/** The summary's cases by province or region (shown for the whole country). */
function JurisdictionPanel({ summary, state, filePrefix }: Omit<SectionProps, 'setView'> & { summary: Summary }) {
  const { filters } = state;
  const view = useMemo(() => {
    const rows = summary.byJurisdiction;
    const table: TableData = {
      columns: [
        { key: 'jurisdiction', label: t('dashboard.col.jurisdiction') },
        ...JURISDICTION_MEASURES.map((m) => ({ key: m.key, label: t(m.label), numeric: true })),
        { key: 'prosecutedPersons', label: t('dashboard.col.prosecutedPersons'), numeric: true },
        { key: 'convictedPersons', label: t('dashboard.col.convictedPersons'), numeric: true },
        { key: 'victims', label: t('dashboard.col.victimsIdentified'), numeric: true },
        { key: 'suspects', label: t('dashboard.col.suspects'), numeric: true },
      ],
      rows: rows.map((j) => ({
        key: j.jurisdiction,
        cells: {
          jurisdiction: jurisdictionLabel(j.jurisdiction),
          ...Object.fromEntries(JURISDICTION_MEASURES.map((m) => [m.key, m.value(j)])),
          prosecutedPersons: j.prosecutions.persons,
          convictedPersons: j.convictions.persons,
          victims: j.victimsIdentified,
          suspects: j.suspects,
        },
        links: Object.fromEntries(
          JURISDICTION_MEASURES.map((m) => [
            m.key,
            m.value(j) ? casesHref(filters, m.measure, { jurisdiction: j.jurisdiction }) : undefined,
          ]),
        ),
      })),
    };
    const title = t('dashboard.byJurisdiction.title');
    return {
      rows,
      table,
      option: barOption({
        categories: rows.map((j) => jurisdictionLabel(j.jurisdiction)),
        series: JURISDICTION_MEASURES.map((m) => ({ name: t(m.label), values: rows.map(m.value) })),
        horizontal: true,
      }),
      summary: chartSummary(
        `${title} (${t('dashboard.col.registered')})`,
        rows.map((j) => [jurisdictionLabel(j.jurisdiction), j.casesRegistered]),
      ),
      empty: rows.every((j) => JURISDICTION_MEASURES.every((m) => m.value(j) === 0)),
    };
  }, [summary, filters]);
  return (
    <ChartPanel
      id="by-jurisdiction"
      title={t('dashboard.byJurisdiction.title')}
      status={{ isPending: false, isError: false, error: null, refetch: () => undefined }}
      summary={view.summary}
      option={view.option}
      table={view.table}
      empty={view.empty}
      height={420}
      fileName={`${filePrefix}-by-jurisdiction`}
      drill={(item) => {
        const j = view.rows[item.dataIndex];
        const m = JURISDICTION_MEASURES[item.seriesIndex];
        return j && m && m.value(j) ? casesHref(filters, m.measure, { jurisdiction: j.jurisdiction }) : undefined;
      }}
    />
  );
}
