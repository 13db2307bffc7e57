import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { usePageTitle } from '../ui/page-title';
import { AttritionSection } from './dashboard/attrition-section';
import { DemographicsSection } from './dashboard/demographics-section';
import {
  DashboardFilters,
  DashboardState,
  DashboardView,
  readState,
  statisticsParams,
  writeState,
} from './dashboard/filters';
import type { SectionProps } from './dashboard/section';
import { FiltersForm } from './dashboard/filters-form';
import { jurisdictionLabel } from './dashboard/labels';
import { todayInPakistan } from './dashboard/period';
import { RepeatOffendersSection } from './dashboard/repeat-offenders-section';
import { RoutesSection } from './dashboard/routes-section';
import { SummarySection } from './dashboard/summary-section';
import { TrendsSection } from './dashboard/trends-section';
import { VulnerabilitiesSection } from './dashboard/vulnerabilities-section';
import './dashboard/dashboard.css';

/**
 * The analysts' dashboard: Rule 42 figures, trends, routes, people, attrition and
 * vulnerabilities for a period and filters that live in the address (a link reproduces the
 * view; back and forward work). A focal person gets the same page for their jurisdiction.
 */
export default function DashboardPage() {
  usePageTitle(t('dashboard.title'));
  const me = useMe().data!;
  const [search, setSearch] = useSearchParams();
  const today = useMemo(() => todayInPakistan(), []);
  const scope = useMemo(
    () => ({ jurisdiction: me.jurisdiction, reportingUnit: me.reportingUnit }),
    [me.jurisdiction, me.reportingUnit],
  );
  const searchKey = search.toString();
  const state = useMemo(() => readState(new URLSearchParams(searchKey), scope, today), [searchKey, scope, today]);
  const canonical = writeState(state, scope).toString();

  // an address without a period (or with one the service would refuse, or naming another
  // jurisdiction for a focal person) is replaced by the view it shows, so a copied link says it all
  useEffect(() => {
    if (canonical !== searchKey) setSearch(new URLSearchParams(canonical), { replace: true });
  }, [canonical, searchKey, setSearch]);

  const params = useMemo(() => statisticsParams(state.filters, scope), [state.filters, scope]);
  const go = (next: DashboardState) => setSearch(writeState(next, scope));
  const setFilters = (filters: DashboardFilters) => go({ ...state, filters });
  const setView = (change: Partial<DashboardView>) => go({ ...state, view: { ...state.view, ...change } });
  const section: SectionProps = {
    state,
    params,
    setView,
    filePrefix: `tip-dashboard-${state.filters.from}-${state.filters.to}`,
  };

  return (
    <section className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p>
        {me.jurisdiction
          ? t('dashboard.introFocal', { jurisdiction: jurisdictionLabel(me.jurisdiction) })
          : t('dashboard.intro')}
      </p>
      <FiltersForm
        key={`${state.filters.from}/${state.filters.to}`}
        filters={state.filters}
        fixedJurisdiction={me.jurisdiction}
        national={!me.reportingUnit}
        today={today}
        onChange={setFilters}
      />
      <p className="dashboard-period" role="status">
        {t('dashboard.showing', { from: formatDate(state.filters.from), to: formatDate(state.filters.to) })}
      </p>
      <SummarySection {...section} />
      <TrendsSection {...section} />
      <RoutesSection {...section} />
      <DemographicsSection {...section} />
      <AttritionSection {...section} />
      <VulnerabilitiesSection {...section} />
      {(me.role === 'admin' || me.role === 'analyst') && <RepeatOffendersSection {...section} />}
    </section>
  );
}
