import type { QueryClient } from '@tanstack/react-query';
import { Me, meQuery } from '../../session/session';
import { DashboardState, readState, statisticsParams } from './filters';
import { previousPeriod, todayInPakistan } from './period';
import {
  attritionQuery,
  codeListsQuery,
  countriesQuery,
  demographicsQuery,
  districtsQuery,
  jurisdictionsQuery,
  MAP_ROUTES,
  repeatOffendersQuery,
  routesQuery,
  statusQuery,
  summaryQuery,
  TOP_ROUTES,
  trendsQuery,
  vulnerabilitiesQuery,
  withPeriod,
} from './queries';

/** Who reads the dashboard. */
export const DASHBOARD_READERS = ['admin', 'analyst', 'focal_person'] as const;

/**
 * Asks for every statistic the dashboard's sections ask for when it first shows `state` (the
 * same queries, so the same cache entries: the sections find them answered or on their way).
 */
export function prefetchStatistics(
  client: QueryClient,
  state: DashboardState,
  me: Pick<Me, 'jurisdiction' | 'reportingUnit' | 'role'>,
): Array<Promise<void>> {
  const params = statisticsParams(state.filters, me);
  const { view } = state;
  return [
    // the words the charts name places and codes with first (quick, and with them each chart is drawn
    // once), then the slowest figures: the browser sends only a few requests at a time to one service
    client.prefetchQuery(countriesQuery),
    client.prefetchQuery(codeListsQuery),
    client.prefetchQuery(routesQuery(params, view.routeLevel, TOP_ROUTES)),
    client.prefetchQuery(routesQuery(params, 'jurisdiction', MAP_ROUTES)),
    client.prefetchQuery(attritionQuery(params)),
    client.prefetchQuery(summaryQuery(params)),
    client.prefetchQuery(summaryQuery(withPeriod(params, previousPeriod(state.filters)))),
    client.prefetchQuery(statusQuery(params)),
    client.prefetchQuery(trendsQuery(params, view)),
    client.prefetchQuery(demographicsQuery(params, 'victims', view.scope)),
    client.prefetchQuery(demographicsQuery(params, 'defendants', view.scope)),
    client.prefetchQuery(vulnerabilitiesQuery(params)),
    ...(me.role === 'admin' || me.role === 'analyst' ? [client.prefetchQuery(repeatOffendersQuery(params))] : []),
    // the filters' lists
    client.prefetchQuery(jurisdictionsQuery),
    ...(state.filters.jurisdiction ? [client.prefetchQuery(districtsQuery(state.filters.jurisdiction))] : []),
  ];
}

/**
 * Starts, as soon as the address is known, what the dashboard waits for: its code and ECharts
 * (loaded in parallel, not one after the other), and once the session is known, every
 * statistic it shows, so the answers are on their way while the page's code is still loading.
 * Never fails: the page asks again for whatever is not there.
 */
export async function prefetchDashboard(client: QueryClient, address: URL): Promise<void> {
  void import('../dashboard');
  void import('./echarts-setup');
  void import('./world-map');
  const me = await client.ensureQueryData(meQuery).catch(() => null);
  if (!me || me.mustChangePassword || !(DASHBOARD_READERS as readonly string[]).includes(me.role)) return;
  const state = readState(address.searchParams, me, todayInPakistan());
  await Promise.all(prefetchStatistics(client, state, me));
}
