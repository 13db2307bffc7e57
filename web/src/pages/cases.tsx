import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { SelectField, TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { Pagination } from '../ui/pagination';
import { QueryState } from '../ui/query-state';
import { ApiError } from '../api/client';
import { fieldProblemText } from '../api/problems';
import { CaseExport } from './cases/case-export';
import { basisOf, DrillChips, drillQueryOf, useDrillChips } from './cases/drill-down';
import { codeLabel, OFFENCE_FAMILIES, REPORTING_AGENCIES, STATUSES } from './cases/labels';
import {
  CaseListQuery,
  caseListQuery,
  CasePage,
  districtsQuery,
  jurisdictionsQuery,
  reportingUnitsQuery,
  useDistrictNames,
  useUnitNames,
} from './cases/queries';
import './cases/cases.css';

const PAGE_SIZE = 25;
const SORTS = ['firDate', 'status', 'statusDate'] as const;
type Sort = (typeof SORTS)[number];
/** The filters kept in the address, so back, forward and a shared link show the same list. */
type Filter =
  'jurisdiction' | 'agency' | 'reportingUnit' | 'district' | 'status' | 'firYear' | 'offenceFamily' | 'search';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

/**
 * The list query the address asks for, the dashboard's drill-down included; a value the list
 * does not take is left out rather than refused.
 */
function queryOf(params: URLSearchParams, national: boolean): CaseListQuery {
  const year = Number(params.get('firYear'));
  const page = Number(params.get('page'));
  const text = (name: string, pattern: RegExp) => {
    const value = params.get(name)?.trim();
    return value && pattern.test(value) ? value : undefined;
  };
  return {
    ...drillQueryOf(params),
    // a focal person's list is their jurisdiction's; naming another would only be refused
    jurisdiction: national ? text('jurisdiction', /^PK-[A-Z]{2}$/) : undefined,
    // and their unit's: the agency and unit are chosen by national roles only
    agency: national ? oneOf(REPORTING_AGENCIES, params.get('agency')) : undefined,
    reportingUnit: national ? text('reportingUnit', /^[A-Z0-9][A-Z0-9-]{0,39}$/) : undefined,
    district: text('district', /^[A-Z0-9-]{2,16}$/),
    status: oneOf(STATUSES, params.get('status')),
    firYear: Number.isInteger(year) && year >= 1947 && year <= 2100 ? year : undefined,
    search: params.get('search')?.trim().slice(0, 120) || undefined,
    sort: oneOf(SORTS, params.get('sort')) ?? 'firDate',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    pageSize: PAGE_SIZE,
    // where the page starts when it was reached by next or previous: read at any depth without counting from the start
    after: text('after', UUID),
    before: text('before', UUID),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A change of filters or order starts again at the first page. */
const FIRST_PAGE = { page: undefined, after: undefined, before: undefined };

/**
 * The case list: filters, sortable columns and pages, all in the address; a drill-down from the
 * dashboard shown as removable chips with its count; the export of the cases listed for admins
 * and analysts.
 */
export default function CasesPage() {
  usePageTitle(t('cases.list.title'));
  const me = useMe().data;
  const national = me?.role !== 'focal_person';
  const [params, setParams] = useSearchParams();
  const query = queryOf(params, national);
  const list = useQuery({ ...caseListQuery(query), placeholderData: keepPreviousData });
  const districtNames = useDistrictNames((list.data?.items ?? []).map((c) => c.jurisdiction));
  const unitNames = useUnitNames(national);
  const chips = useDrillChips(query);
  const canExport = me?.role === 'admin' || me?.role === 'analyst';

  const change = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  const sortBy = (sort: Sort) =>
    change({ sort, order: query.sort === sort && query.order === 'desc' ? 'asc' : 'desc', ...FIRST_PAGE });

  return (
    <section>
      <h1>{t('cases.list.title')}</h1>
      <p>{national ? t('cases.list.introNational') : t('cases.list.introFocal')}</p>
      <DrillChips chips={chips} onChange={(values) => change({ ...values, ...FIRST_PAGE })} />
      <CaseFilters
        key={params.toString()}
        query={query}
        national={national}
        statusAsAtEnd={basisOf(query) === 'status'}
        ownJurisdiction={me?.jurisdiction ?? null}
        onApply={(filters) => change({ ...filters, ...FIRST_PAGE })}
        onClear={() => setParams(new URLSearchParams())}
      />
      {list.error instanceof ApiError && list.error.problem?.errors?.length ? (
        <div className="form-error" role="alert">
          <p>{t('cases.count.badAddress')}</p>
          <ul>
            {list.error.problem.errors.map((p) => (
              <li key={`${p.field}:${p.code}`}>{fieldProblemText(p)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <QueryState query={list}>
          {() => {
            const page = list.data!;
            if (page.total === 0)
              return (
                <>
                  <CaseCount page={page} query={query} />
                  <p role="status">{t('cases.list.none')}</p>
                </>
              );
            return (
              <>
                <CaseCount page={page} query={query} />
                <div className="table-wrap" role="region" aria-label={t('cases.list.caption')} tabIndex={0}>
                  <table>
                    <caption className="visually-hidden">{t('cases.list.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('cases.field.fir')}</th>
                        <SortHeader sort="firDate" query={query} onSort={sortBy} label={t('cases.field.firDate')} />
                        {national && <th scope="col">{t('cases.field.jurisdiction')}</th>}
                        {national && <th scope="col">{t('cases.field.reportingUnit')}</th>}
                        <th scope="col">{t('cases.field.district')}</th>
                        <th scope="col">{t('cases.field.policeStation')}</th>
                        <th scope="col">{t('cases.field.offenceFamily')}</th>
                        <SortHeader sort="status" query={query} onSort={sortBy} label={t('cases.field.status')} />
                        <SortHeader
                          sort="statusDate"
                          query={query}
                          onSort={sortBy}
                          label={t('cases.field.statusDate')}
                        />
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((c) => (
                        <tr key={c.id}>
                          <td>
                            <Link to={`/cases/${c.id}`}>
                              {t('cases.firLabel', { number: c.firNumber, year: String(c.firYear) })}
                            </Link>
                          </td>
                          <td>{formatDate(c.firDate)}</td>
                          {national && <td>{t(`jurisdiction.${c.jurisdiction}` as never)}</td>}
                          {national && <td>{unitNames.get(c.reportingUnit) ?? c.reportingUnit}</td>}
                          <td>{districtNames.get(c.district) ?? c.district}</td>
                          <td>{c.policeStation}</td>
                          <td>{codeLabel('offenceFamily', c.offenceFamily)}</td>
                          <td>{codeLabel('status', c.status)}</td>
                          <td>{formatDate(c.statusDate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination
                  page={page.page}
                  pageSize={page.pageSize}
                  total={page.total}
                  onPage={(n) =>
                    change(
                      n === 1
                        ? FIRST_PAGE
                        : n > page.page
                          ? { page: String(n), after: page.nextCursor ?? undefined, before: undefined }
                          : { page: String(n), before: page.previousCursor ?? undefined, after: undefined },
                    )
                  }
                />
              </>
            );
          }}
        </QueryState>
      )}
      {canExport && <CaseExport query={query} />}
    </section>
  );
}

/**
 * How many cases are listed; beside it, for a figure that counts victims or persons, how many
 * of those the cases hold (the number on the dashboard), and why the two may differ.
 */
function CaseCount({ page, query }: { page: CasePage; query: CaseListQuery }) {
  const cases = page.total === 1 ? t('cases.count.oneCaseWord') : t('cases.count.casesWord', { cases: page.total });
  const basis = basisOf(query);
  let line = page.total === 1 ? t('cases.count.oneCase') : t('cases.count.cases', { cases: page.total });
  let note: string | null = null;
  if (page.victimCount !== undefined) {
    line = t('cases.count.victims', { cases, victims: page.victimCount });
    note = t('cases.count.victimsNote');
  } else if (page.personCount !== undefined && query.population === 'defendants') {
    line = t('cases.count.defendants', { cases, persons: page.personCount });
    note = t('cases.count.personsNote');
  } else if (page.personCount !== undefined) {
    line = t(basis === 'convicted' ? 'cases.count.personsConvicted' : 'cases.count.personsProsecuted', {
      cases,
      persons: page.personCount,
    });
    note = t('cases.count.personsNote');
  }
  return (
    <div className="case-count">
      <p role="status">
        <strong>{line}</strong>
      </p>
      {note && <p className="hint">{note}</p>}
    </div>
  );
}

/** A column header that sorts the list; aria-sort says how it is sorted now. */
function SortHeader({
  sort,
  label,
  query,
  onSort,
}: {
  sort: Sort;
  label: string;
  query: CaseListQuery;
  onSort: (sort: Sort) => void;
}) {
  const active = query.sort === sort;
  const direction = query.order === 'asc' ? 'ascending' : 'descending';
  return (
    <th scope="col" aria-sort={active ? direction : 'none'}>
      <button type="button" onClick={() => onSort(sort)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (query.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/** The filter form: it starts from the address and writes to it when applied. */
function CaseFilters({
  query,
  national,
  statusAsAtEnd,
  ownJurisdiction,
  onApply,
  onClear,
}: {
  query: CaseListQuery;
  national: boolean;
  /** The drill-down chooses the status as on a date: the form leaves it alone. */
  statusAsAtEnd: boolean;
  ownJurisdiction: string | null;
  onApply: (filters: Partial<Record<Filter, string | undefined>>) => void;
  onClear: () => void;
}) {
  const [jurisdiction, setJurisdiction] = useState(query.jurisdiction ?? '');
  const [district, setDistrict] = useState(query.district ?? '');
  const [agency, setAgency] = useState<string>(query.agency ?? '');
  const [reportingUnit, setReportingUnit] = useState(query.reportingUnit ?? '');
  const units = useQuery({ ...reportingUnitsQuery, enabled: national });
  // a unit is offered under the agency chosen
  const unitChoices = (units.data ?? []).filter((u) => !agency || u.agency === agency);
  const [status, setStatus] = useState<string>(statusAsAtEnd ? '' : (query.status ?? ''));
  const [firYear, setFirYear] = useState(query.firYear ? String(query.firYear) : '');
  const [offenceFamily, setOffenceFamily] = useState<string>(
    query.offenceFamily && query.offenceFamily !== 'all' ? query.offenceFamily : '',
  );
  const [search, setSearch] = useState(query.search ?? '');
  const [yearProblem, setYearProblem] = useState(false);
  const jurisdictions = useQuery({ ...jurisdictionsQuery, enabled: national });
  const districtJurisdiction = national ? jurisdiction : (ownJurisdiction ?? '');
  const districts = useQuery({ ...districtsQuery(districtJurisdiction), enabled: districtJurisdiction !== '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const year = firYear.trim();
    const badYear = year !== '' && !(/^\d{4}$/.test(year) && Number(year) >= 1947 && Number(year) <= 2100);
    setYearProblem(badYear);
    if (badYear) return;
    onApply({
      jurisdiction: national ? jurisdiction || undefined : undefined,
      agency: national ? agency || undefined : undefined,
      reportingUnit: national ? reportingUnit || undefined : undefined,
      district: district || undefined,
      ...(statusAsAtEnd ? {} : { status: status || undefined }),
      firYear: year || undefined,
      offenceFamily: offenceFamily || undefined,
      search: search.trim() || undefined,
    });
  };

  return (
    <form className="panel" role="search" aria-label={t('cases.filters.label')} onSubmit={submit} noValidate>
      <div className="filters">
        <TextField
          label={t('cases.filters.search')}
          hint={t('cases.filters.searchHint')}
          type="search"
          value={search}
          maxLength={120}
          onChange={(e) => setSearch(e.target.value)}
        />
        {national && (
          <SelectField
            label={t('cases.field.jurisdiction')}
            value={jurisdiction}
            onChange={(e) => {
              setJurisdiction(e.target.value);
              setDistrict('');
            }}
          >
            <option value="">{t('cases.filters.all')}</option>
            {(jurisdictions.data ?? []).map((j) => (
              <option key={j.code} value={j.code}>
                {t(`jurisdiction.${j.code}` as never)}
              </option>
            ))}
          </SelectField>
        )}
        {national && (
          <>
            <SelectField
              label={t('cases.field.agency')}
              value={agency}
              onChange={(e) => {
                const chosen = e.target.value;
                setAgency(chosen);
                const unit = units.data?.find((u) => u.code === reportingUnit);
                if (chosen && unit && unit.agency !== chosen) setReportingUnit('');
              }}
            >
              <option value="">{t('cases.filters.all')}</option>
              {REPORTING_AGENCIES.map((a) => (
                <option key={a} value={a}>
                  {codeLabel('reportingAgency', a)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('cases.field.reportingUnit')}
              value={reportingUnit}
              onChange={(e) => setReportingUnit(e.target.value)}
            >
              <option value="">{t('cases.filters.all')}</option>
              {reportingUnit && !unitChoices.some((u) => u.code === reportingUnit) && (
                <option value={reportingUnit}>{reportingUnit}</option>
              )}
              {unitChoices.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <SelectField
          label={t('cases.field.district')}
          value={district}
          disabled={districtJurisdiction === ''}
          hint={districtJurisdiction === '' ? t('cases.filters.districtHint') : undefined}
          onChange={(e) => setDistrict(e.target.value)}
        >
          <option value="">{t('cases.filters.all')}</option>
          {(districts.data ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.field.status')}
          value={status}
          disabled={statusAsAtEnd}
          hint={statusAsAtEnd ? t('cases.filters.statusSetByDrill') : undefined}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('cases.filters.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {codeLabel('status', s)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.field.firYear')}
          inputMode="numeric"
          maxLength={4}
          value={firYear}
          error={yearProblem ? t('cases.filters.yearProblem') : undefined}
          onChange={(e) => setFirYear(e.target.value)}
        />
        <SelectField
          label={t('cases.field.offenceFamily')}
          value={offenceFamily}
          onChange={(e) => setOffenceFamily(e.target.value)}
        >
          <option value="">{t('cases.filters.all')}</option>
          {OFFENCE_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {codeLabel('offenceFamily', f)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('cases.filters.apply')}
        </button>
        <button type="button" onClick={onClear}>
          {t('cases.filters.clear')}
        </button>
      </div>
    </form>
  );
}
