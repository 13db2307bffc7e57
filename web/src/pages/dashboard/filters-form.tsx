import { FormEvent, useState } from 'react';
import { t } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/field';
import {
  Agency,
  AGENCIES,
  DashboardFilters,
  EXPLOITATION_FORMS,
  ExploitationForm,
  FAMILY_FILTERS,
  FamilyFilter,
  TRAFFICKING_TYPES,
  TraffickingType,
} from './filters';
import { codeLabel, jurisdictionLabel, listLabel } from './labels';
import { isDay, MAX_SPAN_YEARS, Preset, PRESETS, presetOf, presetPeriod } from './period';
import { useCodeLists, useDistricts, useJurisdictions, useReportingUnits } from './queries';

interface Props {
  filters: DashboardFilters;
  /** A focal person's own jurisdiction: shown, not chosen. */
  fixedJurisdiction: string | null;
  /** Analysts and admins choose an agency and a unit; a focal person's unit is fixed. */
  national: boolean;
  today: string;
  onChange: (filters: DashboardFilters) => void;
}

/**
 * The dashboard's filters. Each choice applies at once and becomes a step in the browser's
 * history (the address holds it); custom dates apply with their button.
 */
export function FiltersForm({ filters, fixedJurisdiction, national, today, onChange }: Props) {
  const jurisdictions = useJurisdictions();
  const units = useReportingUnits(national);
  // a unit is offered under the agency chosen; one named by the address is kept while it loads
  const unitChoices = (units.data ?? []).filter((u) => !filters.agency || u.agency === filters.agency);
  const districts = useDistricts(filters.jurisdiction);
  const codeLists = useCodeLists();
  const preset = presetOf(filters, today);
  const [custom, setCustom] = useState(preset === null);
  const set = (change: Partial<DashboardFilters>) => onChange({ ...filters, ...change });

  return (
    <form
      className="filters panel dashboard-filters"
      role="search"
      aria-label={t('dashboard.filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label={t('dashboard.filters.period')}
        value={custom ? 'custom' : (preset ?? 'custom')}
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'custom') return setCustom(true);
          setCustom(false);
          set(presetPeriod(value as Preset, today));
        }}
      >
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {t(`dashboard.preset.${p}`)}
          </option>
        ))}
        <option value="custom">{t('dashboard.preset.custom')}</option>
      </SelectField>
      {custom && <CustomDates key={`${filters.from}/${filters.to}`} filters={filters} onApply={set} />}
      {fixedJurisdiction ? (
        <div className="field fixed-field">
          <span className="fixed-label">{t('dashboard.filters.jurisdiction')}</span>
          <span>{jurisdictionLabel(fixedJurisdiction)}</span>
        </div>
      ) : (
        <SelectField
          label={t('dashboard.filters.jurisdiction')}
          value={filters.jurisdiction ?? ''}
          onChange={(e) => set({ jurisdiction: e.target.value || undefined, district: undefined })}
        >
          <option value="">{t('dashboard.filters.allJurisdictions')}</option>
          {(jurisdictions.data ?? []).map((j) => (
            <option key={j.code} value={j.code}>
              {jurisdictionLabel(j.code)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t('dashboard.filters.district')}
        value={filters.district ?? ''}
        disabled={!filters.jurisdiction}
        hint={filters.jurisdiction ? undefined : t('dashboard.filters.districtNeedsJurisdiction')}
        onChange={(e) => set({ district: e.target.value || undefined })}
      >
        <option value="">{t('dashboard.filters.allDistricts')}</option>
        {filters.district && !districts.data?.some((d) => d.code === filters.district) && (
          <option value={filters.district}>{filters.district}</option>
        )}
        {(districts.data ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </SelectField>
      {national && (
        <>
          <SelectField
            label={t('dashboard.filters.agency')}
            value={filters.agency ?? ''}
            onChange={(e) => {
              const agency = (e.target.value || undefined) as Agency | undefined;
              const unit = units.data?.find((u) => u.code === filters.reportingUnit);
              const keepsUnit = !agency || !unit || unit.agency === agency;
              set({ agency, reportingUnit: keepsUnit ? filters.reportingUnit : undefined });
            }}
          >
            <option value="">{t('dashboard.filters.allAgencies')}</option>
            {AGENCIES.map((a) => (
              <option key={a} value={a}>
                {t(`agency.${a}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('dashboard.filters.reportingUnit')}
            value={filters.reportingUnit ?? ''}
            onChange={(e) => set({ reportingUnit: e.target.value || undefined })}
          >
            <option value="">{t('dashboard.filters.allUnits')}</option>
            {filters.reportingUnit && !unitChoices.some((u) => u.code === filters.reportingUnit) && (
              <option value={filters.reportingUnit}>{filters.reportingUnit}</option>
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
        label={t('dashboard.filters.offenceFamily')}
        value={filters.offenceFamily}
        onChange={(e) => set({ offenceFamily: e.target.value as FamilyFilter })}
      >
        {FAMILY_FILTERS.map((f) => (
          <option key={f} value={f}>
            {codeLabel('family', f)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('dashboard.filters.exploitationForm')}
        value={filters.exploitationForm ?? ''}
        onChange={(e) => set({ exploitationForm: (e.target.value || undefined) as ExploitationForm | undefined })}
      >
        <option value="">{t('dashboard.filters.anyForm')}</option>
        {EXPLOITATION_FORMS.map((f) => (
          <option key={f} value={f}>
            {listLabel(codeLists.data?.exploitation_form, f)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('dashboard.filters.traffickingType')}
        value={filters.traffickingType ?? ''}
        onChange={(e) => set({ traffickingType: (e.target.value || undefined) as TraffickingType | undefined })}
      >
        <option value="">{t('dashboard.filters.anyType')}</option>
        {TRAFFICKING_TYPES.map((type) => (
          <option key={type} value={type}>
            {codeLabel('type', type)}
          </option>
        ))}
      </SelectField>
    </form>
  );
}

function CustomDates({
  filters,
  onApply,
}: {
  filters: DashboardFilters;
  onApply: (p: { from: string; to: string }) => void;
}) {
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problems: { from?: string; to?: string } = {};
    if (!isDay(from)) problems.from = t('dashboard.filters.dateInvalid');
    if (!isDay(to)) problems.to = t('dashboard.filters.dateInvalid');
    if (!problems.from && !problems.to) {
      if (to < from) problems.to = t('dashboard.filters.dateOrder');
      else if (to > `${Number(from.slice(0, 4)) + MAX_SPAN_YEARS}${from.slice(4)}`)
        problems.to = t('dashboard.filters.spanTooLong', { years: MAX_SPAN_YEARS });
    }
    setErrors(problems);
    if (!problems.from && !problems.to) onApply({ from, to });
  };
  return (
    <fieldset className="custom-dates">
      <legend className="visually-hidden">{t('dashboard.preset.custom')}</legend>
      <TextField
        type="date"
        label={t('dashboard.filters.from')}
        value={from}
        error={errors.from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <TextField
        type="date"
        label={t('dashboard.filters.to')}
        value={to}
        error={errors.to}
        onChange={(e) => setTo(e.target.value)}
      />
      <button type="button" className="primary" onClick={apply}>
        {t('dashboard.filters.apply')}
      </button>
    </fieldset>
  );
}
