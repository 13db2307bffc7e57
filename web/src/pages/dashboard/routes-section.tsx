import type { EChartsOption } from 'echarts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { formatNumber, t } from '../../i18n/i18n';
import { SelectField } from '../../ui/field';
import { ChartPanel, FiguresTable } from './chart-panel';
import { barOption, baseOption, chartSummary, PALETTE } from './chart-options';
import { casesHref } from './drill';
import { DashboardFilters, ROUTE_LEVELS, RouteLevel } from './filters';
import { JURISDICTIONS, placeNamer } from './labels';
import { MAP_ROUTES, RouteFlow, RouteLeg, routesQuery, TOP_ROUTES, useCountryNames, useDistrictNames } from './queries';
import type { SectionProps } from './section';
import { saveCsv, TableData } from './table-data';

type Namer = (code: string) => string;

function flowHref(filters: DashboardFilters, level: RouteLevel, flow: RouteFlow): string {
  return casesHref(filters, 'registered', { routeLevel: level, origin: flow.origin, destination: flow.destination });
}

/** The case list's parameters for the cases of a leg of the Sankey (as GET /statistics/routes counts them). */
function legDetail(leg: RouteLeg): { origin?: string; transit: string; destination?: string } {
  if (leg.leg === 'origin-transit') return { origin: leg.from, transit: leg.to };
  if (leg.leg === 'transit-destination') return { transit: leg.from, destination: leg.to };
  return { origin: leg.from, destination: leg.to, transit: 'none' };
}

function legHref(filters: DashboardFilters, level: RouteLevel, leg: RouteLeg): string {
  return casesHref(filters, 'registered', { routeLevel: level, ...legDetail(leg) });
}

/** The Sankey's node of a leg's end: origins, transit places and destinations are distinct nodes. */
function legNodes(leg: RouteLeg): [string, string] {
  if (leg.leg === 'origin-transit') return [`o:${leg.from}`, `t:${leg.to}`];
  if (leg.leg === 'transit-destination') return [`t:${leg.from}`, `d:${leg.to}`];
  return [`o:${leg.from}`, `d:${leg.to}`];
}

/** Each leg as a row of origin, transit and destination (the leg's two stages filled), with its cases. */
function legTable(legs: RouteLeg[], name: Namer, href: (l: RouteLeg) => string): TableData {
  return {
    columns: [
      { key: 'origin', label: t('dashboard.col.origin') },
      { key: 'transit', label: t('dashboard.col.transit') },
      { key: 'destination', label: t('dashboard.col.destination') },
      { key: 'cases', label: t('dashboard.col.cases'), numeric: true },
    ],
    rows: legs.map((l) => {
      const { origin, transit, destination } = legDetail(l);
      return {
        key: `${l.leg}:${l.from}>${l.to}`,
        cells: {
          origin: origin === undefined ? null : name(origin),
          transit: transit === 'none' ? t('dashboard.routes.direct') : name(transit),
          destination: destination === undefined ? null : name(destination),
          cases: l.cases,
        },
        links: { cases: href(l) },
      };
    }),
  };
}

function flowTable(flows: RouteFlow[], name: Namer, href: (f: RouteFlow) => string): TableData {
  return {
    columns: [
      { key: 'origin', label: t('dashboard.col.origin') },
      { key: 'destination', label: t('dashboard.col.destination') },
      { key: 'cases', label: t('dashboard.col.cases'), numeric: true },
      { key: 'victims', label: t('dashboard.col.victims'), numeric: true },
    ],
    rows: flows.map((f) => ({
      key: `${f.origin}>${f.destination}`,
      cells: { origin: name(f.origin), destination: name(f.destination), cases: f.cases, victims: f.victims },
      links: { cases: href(f) },
    })),
  };
}

/**
 * The routes of the cases registered: origin → transit → destination legs as a Sankey, the top
 * origin → destination routes as a table and a world map, transit places as bars.
 */
export function RoutesSection({ state, params, setView, filePrefix }: SectionProps) {
  const { filters, view } = state;
  const level = view.routeLevel;
  const routes = useQuery(routesQuery(params, level, TOP_ROUTES));
  const countries = useCountryNames();
  const districts = useDistrictNames(JURISDICTIONS, level === 'district');
  const name = useMemo(() => placeNamer(countries, districts), [countries, districts]);

  const sankey = useMemo(() => {
    const legs = routes.data?.legs ?? [];
    const nodes = new Map<string, string>();
    for (const l of legs)
      for (const id of legNodes(l)) {
        const place = name(id.slice(2));
        nodes.set(id, id.startsWith('t:') ? t('dashboard.routes.transitNode', { place }) : place);
      }
    const legName = (l: RouteLeg) =>
      legNodes(l)
        .map((id) => nodes.get(id))
        .join(' → ');
    const option: EChartsOption = {
      ...baseOption(1),
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = p as unknown as {
            dataType: string;
            name: string;
            data: { source?: string; target?: string };
            value: number;
          };
          return item.dataType === 'edge'
            ? `${nodes.get(item.data.source!)} → ${nodes.get(item.data.target!)}: ${formatNumber(item.value)}`
            : `${nodes.get(item.name)}: ${formatNumber(item.value)}`;
        },
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 160,
          top: 8,
          bottom: 8,
          nodeGap: 10,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.45 },
          label: { formatter: (p) => nodes.get(p.name) ?? p.name, overflow: 'truncate', width: 150 },
          data: [...nodes.keys()].map((id) => ({ name: id })),
          links: legs.map((l) => {
            const [source, target] = legNodes(l);
            return { source, target, value: l.cases };
          }),
        },
      ],
    };
    const flows = routes.data?.flows ?? [];
    return {
      legs,
      nodes: nodes.size,
      option,
      table: legTable(legs, name, (l) => legHref(filters, level, l)),
      flowTable: flowTable(flows, name, (f) => flowHref(filters, level, f)),
      flows,
      summary: chartSummary(
        t('dashboard.routes.sankeyTitle'),
        legs.map((l) => [legName(l), l.cases]),
      ),
    };
  }, [routes.data, name, filters, level]);

  const transits = useMemo(() => {
    const rows = routes.data?.transits ?? [];
    return {
      rows,
      option: barOption({
        categories: rows.map((r) => name(r.place)),
        series: [{ name: t('dashboard.col.cases'), values: rows.map((r) => r.cases) }],
        horizontal: true,
      }),
      table: {
        columns: [
          { key: 'place', label: t('dashboard.col.place') },
          { key: 'cases', label: t('dashboard.col.cases'), numeric: true },
        ],
        rows: rows.map((r) => ({
          key: r.place,
          cells: { place: name(r.place), cases: r.cases },
          links: { cases: casesHref(filters, 'registered', { routeLevel: level, transit: r.place }) },
        })),
      } satisfies TableData,
      summary: chartSummary(
        t('dashboard.routes.transitTitle'),
        rows.map((r) => [name(r.place), r.cases]),
      ),
    };
  }, [routes.data, name, filters, level]);

  const levelControl = (
    <SelectField
      label={t('dashboard.routes.level')}
      value={level}
      onChange={(e) => setView({ routeLevel: e.target.value as RouteLevel })}
    >
      {ROUTE_LEVELS.map((l) => (
        <option key={l} value={l}>
          {t(`dashboard.level.${l}`)}
        </option>
      ))}
    </SelectField>
  );

  return (
    <section aria-labelledby="dashboard-routes" className="dashboard-section">
      <h2 id="dashboard-routes">{t('dashboard.routes.heading')}</h2>
      <ChartPanel
        id="routes"
        title={t('dashboard.routes.sankeyTitle')}
        intro={<p>{t('dashboard.routes.sankeyIntro', { count: TOP_ROUTES })}</p>}
        controls={levelControl}
        status={routes}
        summary={sankey.summary}
        option={sankey.option}
        table={sankey.table}
        empty={sankey.legs.length === 0}
        height={Math.max(320, Math.min(720, sankey.nodes * 22))}
        fileName={`${filePrefix}-routes-${level}`}
        drill={(item) => {
          if (item.dataType !== 'edge') return undefined;
          const leg = sankey.legs[item.dataIndex];
          return leg ? legHref(filters, level, leg) : undefined;
        }}
      />
      <TopRoutes
        table={sankey.flowTable}
        status={routes}
        empty={sankey.flows.length === 0}
        fileName={`${filePrefix}-top-routes-${level}`}
      />
      <div className="panel-grid">
        <WorldMapPanel {...{ state, params, filePrefix }} name={name} />
        <ChartPanel
          id="transits"
          title={t('dashboard.routes.transitTitle')}
          intro={<p>{t('dashboard.routes.transitIntro')}</p>}
          status={routes}
          summary={transits.summary}
          option={transits.option}
          table={transits.table}
          empty={transits.rows.length === 0}
          fileName={`${filePrefix}-transits-${level}`}
          drill={(item) => {
            const r = transits.rows[item.dataIndex];
            return r ? casesHref(filters, 'registered', { routeLevel: level, transit: r.place }) : undefined;
          }}
        />
      </div>
    </section>
  );
}

/** The top routes as a table (with the victims of their cases), and its CSV. */
function TopRoutes({
  table,
  status,
  empty,
  fileName,
}: {
  table: TableData;
  status: { isPending: boolean; isError: boolean };
  empty: boolean;
  fileName: string;
}) {
  const title = t('dashboard.routes.topTitle');
  return (
    <section className="panel" aria-labelledby="dashboard-top-routes">
      <div className="chart-panel-head">
        <h3 id="dashboard-top-routes">{title}</h3>
        <div className="chart-panel-tools">
          <button
            type="button"
            disabled={status.isPending || status.isError}
            onClick={() => saveCsv(table, `${fileName}.csv`)}
          >
            {t('dashboard.panel.csv')}
          </button>
        </div>
      </div>
      {status.isPending || status.isError ? null : empty ? (
        <p className="chart-empty">{t('dashboard.panel.empty')}</p>
      ) : (
        <div className="table-wrap">
          <FiguresTable caption={title} table={table} />
        </div>
      )}
    </section>
  );
}

const abroad = (code: string) => code !== 'unknown' && code !== 'PAK' && !code.startsWith('PK-');

/**
 * Cross-border flows on the world map, Pakistan's side by province or region where the route
 * names a district (else Pakistan as a whole).
 */
function WorldMapPanel({ state, params, filePrefix, name }: Omit<SectionProps, 'setView'> & { name: Namer }) {
  const { filters } = state;
  const routes = useQuery(routesQuery(params, 'jurisdiction', MAP_ROUTES));
  const [world, setWorld] = useState<typeof import('./world-map') | null>(null);
  useEffect(() => {
    let gone = false;
    void import('./world-map').then((m) => !gone && setWorld(m));
    return () => {
      gone = true;
    };
  }, []);

  const map = useMemo(() => {
    const flows = (routes.data?.flows ?? []).filter((f) => abroad(f.origin) || abroad(f.destination));
    if (!world) return null;
    const drawn = flows.filter((f) => world.placePoint(f.origin) && world.placePoint(f.destination));
    const places = new Set(drawn.flatMap((f) => [f.origin, f.destination]));
    const points = [...places].map((p) => ({ code: p, at: world.placePoint(p)! }));
    const lons = [...points.map((p) => p.at[0]), 60, 78];
    const lats = [...points.map((p) => p.at[1]), 23, 37];
    const most = Math.max(1, ...drawn.map((f) => f.cases));
    const option: EChartsOption = {
      ...baseOption(1),
      tooltip: { trigger: 'item' },
      geo: {
        map: 'world',
        roam: false,
        silent: true,
        boundingCoords: [
          [Math.max(-180, Math.min(...lons) - 8), Math.min(85, Math.max(...lats) + 8)],
          [Math.min(180, Math.max(...lons) + 8), Math.max(-60, Math.min(...lats) - 8)],
        ],
        itemStyle: { areaColor: '#eef1f4', borderColor: '#8a94a3', borderWidth: 0.5 },
      },
      series: [
        {
          type: 'lines',
          coordinateSystem: 'geo',
          symbol: ['none', 'arrow'],
          symbolSize: 8,
          lineStyle: { color: PALETTE[0], opacity: 0.75, curveness: 0.2 },
          tooltip: {
            formatter: (p) => {
              const flow = drawn[(p as { dataIndex: number }).dataIndex];
              return `${name(flow.origin)} → ${name(flow.destination)}: ${formatNumber(flow.cases)}`;
            },
          },
          data: drawn.map((f) => ({
            coords: [world.placePoint(f.origin)!, world.placePoint(f.destination)!],
            lineStyle: { width: 1 + (7 * f.cases) / most },
          })),
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 7,
          itemStyle: { color: PALETTE[1] },
          label: { show: true, position: 'right', formatter: (p) => name(points[p.dataIndex].code), fontSize: 11 },
          labelLayout: { hideOverlap: true },
          tooltip: { formatter: (p) => name(points[(p as { dataIndex: number }).dataIndex].code) },
          data: points.map((p) => ({ value: p.at })),
        },
      ],
    };
    return {
      flows,
      drawn,
      option,
      table: flowTable(flows, name, (f) => flowHref(filters, 'jurisdiction', f)),
      summary: chartSummary(
        t('dashboard.routes.mapTitle'),
        flows.map((f) => [`${name(f.origin)} → ${name(f.destination)}`, f.cases]),
      ),
    };
  }, [routes.data, world, name, filters]);

  const notDrawn = map ? map.flows.length - map.drawn.length : 0;
  return (
    <ChartPanel
      id="map"
      title={t('dashboard.routes.mapTitle')}
      intro={<p>{t('dashboard.routes.mapIntro', { count: MAP_ROUTES })}</p>}
      status={{ ...routes, isPending: routes.isPending || !map }}
      summary={map?.summary ?? ''}
      option={map?.option ?? {}}
      table={map?.table ?? { columns: [], rows: [] }}
      empty={!map || map.flows.length === 0}
      height={420}
      fileName={`${filePrefix}-cross-border`}
      prepare={(echarts) => Promise.resolve(world?.registerWorld(echarts))}
      footer={notDrawn > 0 ? <p className="hint">{t('dashboard.routes.notDrawn', { count: notDrawn })}</p> : undefined}
      drill={(item) => {
        if (item.seriesIndex !== 0 || !map) return undefined;
        const flow = map.drawn[item.dataIndex];
        return flow ? flowHref(filters, 'jurisdiction', flow) : undefined;
      }}
    />
  );
}
