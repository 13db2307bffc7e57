import type { EChartsOption } from 'echarts';
import type { EChartsType } from 'echarts/core';
import { ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { problemText } from '../../api/problems';
import { formatNumber, t } from '../../i18n/i18n';
import { saveAs } from '../../ui/save-file';
import { saveCsv, TableData } from './table-data';

export type ECharts = typeof import('./echarts-setup');

/** The item of a chart that was clicked, as ECharts reports it. */
export interface ChartItem {
  seriesIndex: number;
  dataIndex: number;
  name: string;
  /** `node` or `edge` for a Sankey. */
  dataType?: string;
  data: unknown;
}

interface QueryStatus {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface ChartPanelProps {
  /** Names the panel's elements and its files. */
  id: string;
  title: string;
  intro?: ReactNode;
  /** Choices that change what the chart shows (selects above it). */
  controls?: ReactNode;
  /** The state of the request the figures come from. */
  status: QueryStatus;
  /** What a screen reader hears for the chart: the figures in words. */
  summary: string;
  option: EChartsOption;
  table: TableData;
  /** Nothing to draw: the figures are all zero or absent. */
  empty?: boolean;
  /** What to say when there is nothing to draw (else "No cases match these filters"). */
  emptyText?: string;
  /** The files' names, without extension. */
  fileName: string;
  /** The case list address of a clicked item, or undefined when it leads nowhere. */
  drill?: (item: ChartItem) => string | undefined;
  /** Runs once ECharts is loaded, before the first drawing (a map's geometry). */
  prepare?: (echarts: ECharts) => Promise<void>;
  height?: number;
  footer?: ReactNode;
}

/**
 * One chart of the dashboard: drawn with ECharts (loaded only here, on demand), its numbers in
 * a real table behind a "Table" toggle, PNG and CSV downloads, and a click on a bar, route or
 * status leading to the case list of exactly those cases (the table's numbers link there too,
 * for keyboard and screen-reader users).
 */
export function ChartPanel(props: ChartPanelProps) {
  const { id, title, intro, controls, status, table, empty, fileName, footer } = props;
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  const chart = useRef<EChartsType | null>(null);
  const hasFigures = !status.isPending && !status.isError && !empty;

  return (
    <section className="panel chart-panel" aria-labelledby={headingId} data-panel={id}>
      <div className="chart-panel-head">
        <h3 id={headingId}>{title}</h3>
        <div className="chart-panel-tools">
          <button
            type="button"
            aria-pressed={showTable}
            aria-controls={tableId}
            disabled={status.isPending || status.isError}
            onClick={() => setShowTable((v) => !v)}
          >
            {t('dashboard.panel.table')}
          </button>
          <button
            type="button"
            disabled={!hasFigures}
            onClick={() => {
              const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
              if (url) saveAs(url, `${fileName}.png`);
            }}
          >
            {t('dashboard.panel.png')}
          </button>
          <button
            type="button"
            disabled={status.isPending || status.isError}
            onClick={() => saveCsv(table, `${fileName}.csv`)}
          >
            {t('dashboard.panel.csv')}
          </button>
        </div>
      </div>
      {intro && <div className="chart-panel-intro">{intro}</div>}
      {controls && <div className="chart-controls">{controls}</div>}
      {status.isPending ? (
        <p role="status" className="loading">
          {t('app.loading')}
        </p>
      ) : status.isError ? (
        <div className="form-error" role="alert">
          <p>{problemText(status.error)}</p>
          <button type="button" onClick={() => void status.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <>
          {empty ? (
            <p className="chart-empty">{t('dashboard.panel.empty')}</p>
          ) : (
            <ChartCanvas {...props} chart={chart} />
          )}
          {props.drill && !empty && <p className="hint">{t('dashboard.panel.drillHint')}</p>}
          <div id={tableId} hidden={!showTable} className="table-wrap chart-table">
            {showTable && <FiguresTable caption={title} table={table} />}
          </div>
          {footer}
        </>
      )}
    </section>
  );
}

function ChartCanvas({
  summary,
  option,
  drill,
  prepare,
  height = 320,
  chart,
}: ChartPanelProps & { chart: { current: EChartsType | null } }) {
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [ready, setReady] = useState(false);
  // the latest drill-down, read by the click handler bound once
  const drillRef = useRef(drill);
  useEffect(() => {
    drillRef.current = drill;
  });
  const prepareRef = useRef(prepare);

  useEffect(() => {
    let gone = false;
    const element = container.current!;
    void import('./echarts-setup').then(async (echarts) => {
      if (prepareRef.current) await prepareRef.current(echarts);
      if (gone) return;
      const instance = echarts.init(element, null, { renderer: 'canvas' });
      instance.on('click', (params) => {
        const href = drillRef.current?.(params as unknown as ChartItem);
        if (href) void navigate(href);
      });
      chart.current = instance;
      setReady(true);
    });
    const resized = new ResizeObserver(() => chart.current?.resize());
    resized.observe(element);
    return () => {
      gone = true;
      resized.disconnect();
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [chart, navigate]);

  useEffect(() => {
    if (!ready) return;
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
    // drawn with the current figures: what the page-speed bench waits for
    container.current?.setAttribute('data-drawn', 'true');
  }, [ready, option, chart]);

  return (
    <div
      ref={container}
      className={`chart${drill ? ' drillable' : ''}`}
      role="img"
      aria-label={summary}
      style={{ blockSize: `${height}px` }}
    />
  );
}

/** The chart's numbers exactly; a number that leads to its cases is a link to them. */
export function FiguresTable({ caption, table }: { caption: string; table: TableData }) {
  const [first, ...rest] = table.columns;
  return (
    <table className="figures-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'number' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{cellText(row.cells[first.key] ?? null)}</th>
            {rest.map((c) => {
              const value = row.cells[c.key] ?? null;
              const href = row.links?.[c.key];
              return (
                <td key={c.key} className={c.numeric ? 'number' : undefined}>
                  {href ? <Link to={href}>{cellText(value)}</Link> : cellText(value)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cellText(value: string | number | null): string {
  if (value === null) return t('app.none');
  return typeof value === 'number' ? formatNumber(value) : value;
}
