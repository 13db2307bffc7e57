import type { DashboardFilters, RouteLevel } from './filters';
import type { Period } from './period';

/**
 * Which counting rule selects the cases behind a figure:
 * - `registered`: FIR date in from…to (item a; also the routes and attrition cohorts);
 * - `investigated`: under investigation at any time in from…to (item c);
 * - `prosecuted`: a prosecution began in from…to (item d, cases);
 * - `convicted`: a conviction's judgment date in from…to (item e, cases);
 * - `status`: registered by `to` and in `status` as at `to` (item f; no `from`);
 * - `victims`: cases with a victim identified in from…to (else by FIR date).
 *
 * These are the case list's `basis` values (GET /cases?basis=…): the list selects by the
 * statistics' own counting rules, so its total equals the figure.
 */
export type Measure = 'registered' | 'investigated' | 'prosecuted' | 'convicted' | 'status' | 'victims';

/** What narrows a figure beyond the dashboard's filters. */
export interface DrillDetail {
  /** A part of the period (a month of a trend). */
  period?: Period;
  jurisdiction?: string;
  /** A figure of one agency (police, FIA, other). */
  agency?: string;
  exploitationForm?: string;
  offenceFamily?: string;
  status?: string;
  /** Routes: the level the places are named at, and the places. */
  routeLevel?: RouteLevel;
  origin?: string;
  destination?: string;
  transit?: string;
  /** Attrition: the stage the registered cases reached (`challan`, `prosecuted`, `convicted`). */
  stage?: string;
  residenceDistrict?: string;
  /** Demographics: the persons counted (with the section's scope), and the cell clicked. */
  population?: 'victims' | 'defendants';
  scope?: 'prosecuted' | 'all';
  sex?: string;
  ageBand?: string;
  nationality?: string;
  /** Vulnerabilities (measure `victims`): the vulnerability, and the age group when one was clicked. */
  vulnerability?: string;
  ageGroup?: string;
}

/**
 * The case list's address for the persons of a demographics cell: the cases of the scope
 * (a prosecution begun in the period, or registered in it) holding such persons, the list
 * counting them as the figure does.
 */
export function personsHref(
  filters: DashboardFilters,
  population: 'victims' | 'defendants',
  scope: 'prosecuted' | 'all',
  cell: Pick<DrillDetail, 'sex' | 'ageBand' | 'nationality'>,
): string {
  return casesHref(filters, scope === 'all' ? 'registered' : 'prosecuted', { population, scope, ...cell });
}

/**
 * The case list's address for exactly the cases behind a figure, in the dashboard's words:
 * `basis` and the period, the dashboard's filters (offence family left out when all are
 * counted), then the detail of the figure clicked. Ids and codes only, nothing personal.
 */
export function casesHref(filters: DashboardFilters, measure: Measure, detail: DrillDetail = {}): string {
  const period = detail.period ?? filters;
  const query = new URLSearchParams({ basis: measure });
  if (measure !== 'status') query.set('from', period.from);
  query.set('to', period.to);
  const family = detail.offenceFamily ?? (filters.offenceFamily === 'all' ? undefined : filters.offenceFamily);
  const values: Array<[string, string | undefined]> = [
    ['jurisdiction', detail.jurisdiction ?? filters.jurisdiction],
    ['district', filters.district],
    ['reportingUnit', filters.reportingUnit],
    ['agency', detail.agency ?? filters.agency],
    ['offenceFamily', family],
    ['exploitationForm', detail.exploitationForm ?? filters.exploitationForm],
    ['traffickingType', filters.traffickingType],
    ['status', detail.status],
    ['routeLevel', detail.routeLevel],
    ['origin', detail.origin],
    ['destination', detail.destination],
    ['transit', detail.transit],
    ['stage', detail.stage],
    ['residenceDistrict', detail.residenceDistrict],
    ['population', detail.population],
    ['scope', detail.scope],
    ['sex', detail.sex],
    ['ageBand', detail.ageBand],
    ['nationality', detail.nationality],
    ['vulnerability', detail.vulnerability],
    ['ageGroup', detail.ageGroup],
  ];
  for (const [name, value] of values) if (value) query.set(name, value);
  return `/cases?${query.toString()}`;
}
