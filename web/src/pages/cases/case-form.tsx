import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { t } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/field';
import { CheckboxGroup, FormActions, FormPanel, FormProblemsBanner, TextAreaField } from './fields';
import { codeLabel, OFFENCE_FAMILIES, REPORTING_AGENCIES, ROUTE_KINDS, STATUSES, TRAFFICKING_TYPES } from './labels';
import {
  caseChanged,
  caseETag,
  caseKeys,
  CaseRecord,
  codeListsQuery,
  countriesQuery,
  districtsQuery,
  lawSectionsQuery,
} from './queries';
import { formProblems } from './rule-words';
import { changed, orNull, useCaseSave } from './use-case-save';

type UpdateCase = Schemas['UpdateCaseDto'];
type RouteKind = (typeof ROUTE_KINDS)[number];

interface RouteRow {
  kind: RouteKind;
  country: string;
  district: string;
  place: string;
}

interface CaseValues {
  district: string;
  policeStation: string;
  reportingAgency: string;
  firNumber: string;
  firYear: string;
  firDate: string;
  offenceFamily: string;
  lawSections: string[];
  traffickingType: string;
  exploitationForms: string[];
  status: string;
  statusDate: string;
  investigationConcludedOn: string;
  remarks: string;
  route: RouteRow[];
}

/** Fields the service names that this form shows (a route point's fields by their index). */
const OWN_FIELDS = new Set<string>([
  'district',
  'policeStation',
  'reportingAgency',
  'firNumber',
  'firYear',
  'firDate',
  'offenceFamily',
  'lawSections',
  'traffickingType',
  'exploitationForms',
  'status',
  'statusDate',
  'investigationConcludedOn',
  'remarks',
]);

function valuesOf(c: CaseRecord, districtNames: Map<string, string>): CaseValues {
  return {
    district: c.district,
    policeStation: c.policeStation,
    reportingAgency: c.reportingAgency,
    firNumber: c.firNumber,
    firYear: String(c.firYear),
    firDate: c.firDate,
    offenceFamily: c.offenceFamily,
    lawSections: c.lawSections,
    traffickingType: c.traffickingType ?? '',
    exploitationForms: c.exploitationForms,
    status: c.status,
    statusDate: c.statusDate,
    investigationConcludedOn: c.investigationConcludedOn ?? '',
    remarks: c.remarks ?? '',
    route: c.route.map((p) => ({
      kind: p.kind,
      country: p.country,
      district: p.district ? (districtNames.get(p.district) ?? p.district) : '',
      place: p.place ?? '',
    })),
  };
}

/** The change the form asks for: only the fields that differ from the case as stored. */
function updateOf(c: CaseRecord, v: CaseValues, districtCodes: Map<string, string>): UpdateCase {
  const statusChanged = v.status !== c.status;
  const body: UpdateCase = changed<UpdateCase>(
    {
      district: c.district,
      policeStation: c.policeStation,
      reportingAgency: c.reportingAgency as UpdateCase['reportingAgency'],
      firNumber: c.firNumber,
      firYear: c.firYear,
      firDate: c.firDate,
      offenceFamily: c.offenceFamily as UpdateCase['offenceFamily'],
      lawSections: c.lawSections as UpdateCase['lawSections'],
      traffickingType: c.traffickingType as UpdateCase['traffickingType'],
      exploitationForms: c.exploitationForms as UpdateCase['exploitationForms'],
      investigationConcludedOn: c.investigationConcludedOn,
      remarks: c.remarks,
    },
    {
      district: v.district,
      policeStation: v.policeStation.trim(),
      reportingAgency: v.reportingAgency as UpdateCase['reportingAgency'],
      firNumber: v.firNumber.trim(),
      // what is not a number goes as is, for the service to name the field
      firYear: /^\d+$/.test(v.firYear.trim()) ? Number(v.firYear.trim()) : (v.firYear as unknown as number),
      firDate: v.firDate,
      offenceFamily: v.offenceFamily as UpdateCase['offenceFamily'],
      lawSections: v.lawSections as UpdateCase['lawSections'],
      traffickingType: (v.traffickingType || null) as UpdateCase['traffickingType'],
      exploitationForms: v.exploitationForms as UpdateCase['exploitationForms'],
      investigationConcludedOn: orNull(v.investigationConcludedOn),
      remarks: orNull(v.remarks),
    },
  );
  if (statusChanged) {
    body.status = v.status as UpdateCase['status'];
    // left out when empty: the service then says a status change needs its date
    if (v.statusDate) body.statusDate = v.statusDate;
  } else if (v.statusDate !== c.statusDate && v.statusDate) {
    body.statusDate = v.statusDate;
  }
  const route = v.route.map((p) => ({
    kind: p.kind,
    country: p.country,
    ...(p.district.trim() ? { district: districtCodes.get(p.district.trim()) ?? p.district.trim() } : {}),
    ...(p.place.trim() ? { place: p.place.trim() } : {}),
  }));
  const stored = c.route.map((p) => ({
    kind: p.kind,
    country: p.country,
    ...(p.district ? { district: p.district } : {}),
    ...(p.place ? { place: p.place } : {}),
  }));
  if (JSON.stringify(route) !== JSON.stringify(stored)) body.route = route;
  return body;
}

/** Changing a case: its fields, its route, and its status with the date the status took effect. */
export function CaseForm({ caseRecord, onDone }: { caseRecord: CaseRecord; onDone: (saved: boolean) => void }) {
  const districts = useQuery(districtsQuery(caseRecord.jurisdiction));
  const lawSections = useQuery(lawSectionsQuery);
  const codeLists = useQuery(codeListsQuery);
  const countries = useQuery(countriesQuery);
  const districtNames = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const districtCodes = new Map((districts.data ?? []).map((d) => [d.name, d.code]));
  const [v, setV] = useState<CaseValues>(() => valuesOf(caseRecord, districtNames));
  const set = <K extends keyof CaseValues>(key: K, value: CaseValues[K]) => setV((old) => ({ ...old, [key]: value }));
  // the case as the form was opened on: the change is refused if anyone changed the case since
  const [opened] = useState(caseRecord);
  const queryClient = useQueryClient();

  const save = useCaseSave(
    () => {
      const body = updateOf(opened, v, districtCodes);
      return call(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id: opened.id }, header: { 'If-Match': caseETag(opened) } },
          body,
        }),
      );
    },
    () => onDone(true),
  );
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: caseKeys.all });
    onDone(false);
  };
  const problems = formProblems(
    save.error,
    (field) => (OWN_FIELDS.has(field) || /^route\[\d+\]\.\w+$/.test(field) ? field : null),
    {
      firDate: v.firDate,
      fromStatus: caseRecord.status,
      fromStatusDate: caseRecord.statusDate,
      toStatus: v.status,
      toStatusDate: v.statusDate || undefined,
      investigationConcludedOn: orNull(v.investigationConcludedOn),
    },
  );
  const err = problems.fields;
  const statusChanged = v.status !== caseRecord.status;

  const setRoute = (i: number, point: Partial<RouteRow>) =>
    set(
      'route',
      v.route.map((p, j) => (j === i ? { ...p, ...point } : p)),
    );

  return (
    <FormPanel title={t('cases.form.editCase')} onSubmit={() => save.mutate()}>
      <FormProblemsBanner summary={problems.summary} others={problems.others}>
        {caseChanged(save.error) && (
          <button type="button" onClick={() => void reload()}>
            {t('cases.form.reload')}
          </button>
        )}
      </FormProblemsBanner>
      <fieldset className="form-group">
        <legend>{t('cases.form.statusGroup')}</legend>
        <SelectField
          label={t('cases.field.status')}
          value={v.status}
          error={err.status}
          onChange={(e) => {
            const status = e.target.value;
            setV((old) => ({
              ...old,
              status,
              // a new status needs the date it took effect; going back to the stored one restores its date
              statusDate: status === caseRecord.status ? caseRecord.statusDate : '',
            }));
          }}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {codeLabel('status', s)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.field.statusDate')}
          type="date"
          value={v.statusDate}
          hint={statusChanged ? t('cases.form.statusDateHint') : undefined}
          error={err.statusDate}
          onChange={(e) => set('statusDate', e.target.value)}
        />
        <TextField
          label={t('cases.field.investigationConcludedOn')}
          type="date"
          value={v.investigationConcludedOn}
          hint={t('cases.form.concludedHint')}
          error={err.investigationConcludedOn}
          onChange={(e) => set('investigationConcludedOn', e.target.value)}
        />
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('cases.form.firGroup')}</legend>
        <SelectField
          label={t('cases.field.district')}
          value={v.district}
          error={err.district}
          onChange={(e) => set('district', e.target.value)}
        >
          {!districtNames.has(v.district) && <option value={v.district}>{v.district}</option>}
          {(districts.data ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.field.policeStation')}
          value={v.policeStation}
          maxLength={120}
          error={err.policeStation}
          onChange={(e) => set('policeStation', e.target.value)}
        />
        <SelectField
          label={t('cases.field.reportingAgency')}
          value={v.reportingAgency}
          error={err.reportingAgency}
          onChange={(e) => set('reportingAgency', e.target.value)}
        >
          {REPORTING_AGENCIES.map((a) => (
            <option key={a} value={a}>
              {codeLabel('reportingAgency', a)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.field.firNumber')}
          value={v.firNumber}
          maxLength={40}
          hint={t('cases.form.firNumberHint')}
          error={err.firNumber}
          onChange={(e) => set('firNumber', e.target.value)}
        />
        <TextField
          label={t('cases.field.firYear')}
          inputMode="numeric"
          maxLength={4}
          value={v.firYear}
          error={err.firYear}
          onChange={(e) => set('firYear', e.target.value)}
        />
        <TextField
          label={t('cases.field.firDate')}
          type="date"
          value={v.firDate}
          error={err.firDate}
          onChange={(e) => set('firDate', e.target.value)}
        />
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('cases.form.offenceGroup')}</legend>
        <SelectField
          label={t('cases.field.offenceFamily')}
          value={v.offenceFamily}
          error={err.offenceFamily}
          onChange={(e) => set('offenceFamily', e.target.value)}
        >
          {OFFENCE_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {codeLabel('offenceFamily', f)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.field.traffickingType')}
          value={v.traffickingType}
          error={err.traffickingType}
          onChange={(e) => set('traffickingType', e.target.value)}
        >
          <option value="">{t('cases.form.notKnown')}</option>
          {TRAFFICKING_TYPES.map((k) => (
            <option key={k} value={k}>
              {codeLabel('traffickingType', k)}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend={t('cases.field.lawSections')}
          options={(lawSections.data ?? []).map((s) => ({
            code: s.code,
            label: t('cases.lawSection', { act: s.act, section: s.section, title: s.title }),
          }))}
          value={v.lawSections}
          error={err.lawSections}
          onChange={(codes) => set('lawSections', codes)}
        />
        <CheckboxGroup
          legend={t('cases.field.exploitationForms')}
          options={codeLists.data?.exploitation_form ?? []}
          value={v.exploitationForms}
          error={err.exploitationForms}
          onChange={(codes) => set('exploitationForms', codes)}
        />
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('cases.route.title')}</legend>
        <p className="hint">{t('cases.form.routeHint')}</p>
        {v.route.map((p, i) => (
          <fieldset className="route-point" key={i}>
            <legend>{t('cases.form.routePoint', { n: i + 1 })}</legend>
            <SelectField
              label={t('cases.form.routeKind')}
              value={p.kind}
              error={err[`route[${i}].kind`]}
              onChange={(e) => setRoute(i, { kind: e.target.value as RouteKind })}
            >
              {ROUTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {codeLabel('routeKind', k)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('cases.form.routeCountry')}
              value={p.country}
              error={err[`route[${i}].country`]}
              onChange={(e) => setRoute(i, { country: e.target.value })}
            >
              {(countries.data ?? []).map((c) => (
                <option key={c.alpha3} value={c.alpha3}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('cases.form.routeDistrict')}
              value={p.district}
              maxLength={100}
              error={err[`route[${i}].district`]}
              onChange={(e) => setRoute(i, { district: e.target.value })}
            />
            <TextField
              label={t('cases.form.routePlace')}
              value={p.place}
              maxLength={200}
              error={err[`route[${i}].place`]}
              onChange={(e) => setRoute(i, { place: e.target.value })}
            />
            <button
              type="button"
              onClick={() =>
                set(
                  'route',
                  v.route.filter((_, j) => j !== i),
                )
              }
            >
              {t('cases.form.routeRemove', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() =>
            set('route', [
              ...v.route,
              { kind: v.route.length === 0 ? 'origin' : 'destination', country: 'PAK', district: '', place: '' },
            ])
          }
        >
          {t('cases.form.routeAdd')}
        </button>
      </fieldset>

      <TextAreaField
        label={t('cases.field.remarks')}
        value={v.remarks}
        maxLength={4000}
        error={err.remarks}
        onChange={(e) => set('remarks', e.target.value)}
      />
      <FormActions saving={save.isPending} onCancel={() => onDone(false)} />
    </FormPanel>
  );
}
