import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { formatDate, t } from '../../i18n/i18n';
import { Notice, SelectField, TextField } from '../../ui/field';
import { QueryState } from '../../ui/query-state';
import { ConfirmDialog } from './confirm-dialog';
import { CheckboxField, CheckboxGroup, FormActions, FormPanel, FormProblemsBanner } from './fields';
import { ageBand, codeLabel, listLabels, REFERRALS, SEXES } from './labels';
import { caseETag, CaseRecord, codeListsQuery, countriesQuery, useCountryNames, Victim, victimsQuery } from './queries';
import { deleteProblems, formProblems } from './rule-words';
import { changed, numberOrNull, orNull, useCaseSave } from './use-case-save';

type VictimBody = Schemas['CreateVictimDto'];

interface VictimValues {
  ref: string;
  sex: string;
  age: string;
  ageEstimated: boolean;
  nationality: string;
  residenceDistrict: string;
  residenceCountry: string;
  exploitationForms: string[];
  vulnerabilities: string[];
  identifiedOn: string;
  referredTo: string;
  repatriated: string;
  cnic: string;
}

const EMPTY: VictimValues = {
  ref: '',
  sex: 'unknown',
  age: '',
  ageEstimated: false,
  nationality: '',
  residenceDistrict: '',
  residenceCountry: '',
  exploitationForms: [],
  vulnerabilities: [],
  identifiedOn: '',
  referredTo: '',
  repatriated: '',
  cnic: '',
};

const valuesOf = (v: Victim): VictimValues => ({
  ref: v.ref,
  sex: v.sex,
  age: v.age === null ? '' : String(v.age),
  ageEstimated: v.ageEstimated,
  nationality: v.nationality ?? '',
  residenceDistrict: v.residenceDistrict ?? '',
  residenceCountry: v.residenceCountry ?? '',
  exploitationForms: v.exploitationForms,
  vulnerabilities: v.vulnerabilities,
  identifiedOn: v.identifiedOn ?? '',
  referredTo: v.referredTo ?? '',
  repatriated: v.repatriated === null ? '' : v.repatriated ? 'yes' : 'no',
  cnic: '',
});

function bodyOf(v: VictimValues): VictimBody {
  return {
    ref: v.ref.trim(),
    sex: v.sex as VictimBody['sex'],
    age: numberOrNull(v.age),
    ageEstimated: v.ageEstimated,
    nationality: orNull(v.nationality),
    residenceDistrict: orNull(v.residenceDistrict),
    residenceCountry: orNull(v.residenceCountry),
    exploitationForms: v.exploitationForms as VictimBody['exploitationForms'],
    vulnerabilities: v.vulnerabilities as VictimBody['vulnerabilities'],
    identifiedOn: orNull(v.identifiedOn),
    referredTo: (orNull(v.referredTo) ?? null) as VictimBody['referredTo'],
    repatriated: v.repatriated === '' ? null : v.repatriated === 'yes',
  };
}

const FIELDS = new Set(Object.keys(EMPTY));
const fieldOf = (field: string) => {
  const own = field.replace(/\[\d+\]$/, '');
  return FIELDS.has(own) ? own : null;
};

type Open = { form: 'add' } | { form: 'edit'; victim: Victim } | { form: 'delete'; victim: Victim } | null;

/** The case's victims — never named: sex, age and its band, nationality — with forms for those who may change them. */
export function VictimsSection({ caseRecord, writer }: { caseRecord: CaseRecord; writer: boolean }) {
  const victims = useQuery(victimsQuery(caseRecord.id));
  const codeLists = useQuery(codeListsQuery);
  const countries = useCountryNames();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useCaseSave(
    () =>
      open?.form === 'delete'
        ? call(
            api.DELETE('/api/v1/cases/{caseId}/victims/{id}', {
              params: {
                path: { caseId: caseRecord.id, id: open.victim.id },
                header: { 'If-Match': caseETag(caseRecord) },
              },
            }),
          )
        : Promise.resolve(undefined),
    () => {
      setOpen(null);
      setNotice(t('cases.victims.deleted'));
    },
  );
  const country = (code: string | null) => (code ? (countries.get(code) ?? code) : t('app.none'));

  return (
    <section aria-labelledby="case-victims-heading">
      <div className="section-head">
        <h2 id="case-victims-heading">{t('cases.victims.title')}</h2>
        {writer && open?.form !== 'add' && (
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setOpen({ form: 'add' });
            }}
          >
            {t('cases.victims.add')}
          </button>
        )}
      </div>
      <p className="hint">{t('cases.victims.noNames')}</p>
      <Notice message={notice} />
      {(open?.form === 'add' || open?.form === 'edit') && (
        <VictimForm
          caseId={caseRecord.id}
          ifMatch={caseETag(caseRecord)}
          victim={open.form === 'edit' ? open.victim : null}
          onDone={(saved) => {
            setOpen(null);
            if (saved) setNotice(t('cases.victims.saved'));
          }}
        />
      )}
      {open?.form === 'delete' && (
        <ConfirmDialog
          question={t('cases.victims.confirmDelete', { ref: open.victim.ref })}
          confirmLabel={t('cases.victims.delete')}
          pending={remove.isPending}
          problems={deleteProblems(remove.error)}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
        />
      )}
      <QueryState query={victims}>
        {() =>
          victims.data!.length === 0 ? (
            <p>{t('cases.victims.none')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="case-victims-heading" tabIndex={0}>
              <table aria-labelledby="case-victims-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('cases.victims.ref')}</th>
                    <th scope="col">{t('cases.person.sex')}</th>
                    <th scope="col" className="number">
                      {t('cases.person.age')}
                    </th>
                    <th scope="col">{t('cases.victims.ageBand')}</th>
                    <th scope="col">{t('cases.person.nationality')}</th>
                    <th scope="col">{t('cases.field.exploitationForms')}</th>
                    <th scope="col">{t('cases.victims.vulnerabilities')}</th>
                    <th scope="col">{t('cases.victims.identifiedOn')}</th>
                    <th scope="col">{t('cases.victims.referredTo')}</th>
                    {writer && <th scope="col">{t('cases.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {victims.data!.map((v) => (
                    <tr key={v.id}>
                      <td>{v.ref}</td>
                      <td>{codeLabel('sex', v.sex)}</td>
                      <td className="number">
                        {v.age === null
                          ? t('cases.person.ageUnknown')
                          : v.ageEstimated
                            ? t('cases.person.ageEstimated', { age: v.age })
                            : String(v.age)}
                      </td>
                      <td>{ageBand(v.age)}</td>
                      <td>{country(v.nationality)}</td>
                      <td>{listLabels(codeLists.data?.exploitation_form, v.exploitationForms)}</td>
                      <td>{listLabels(codeLists.data?.vulnerability, v.vulnerabilities)}</td>
                      <td>{formatDate(v.identifiedOn)}</td>
                      <td>{codeLabel('referral', v.referredTo)}</td>
                      {writer && (
                        <td>
                          <div className="row-actions">
                            <button
                              type="button"
                              aria-label={t('cases.victims.editOne', { ref: v.ref })}
                              onClick={() => {
                                setNotice(null);
                                setOpen({ form: 'edit', victim: v });
                              }}
                            >
                              {t('app.edit')}
                            </button>
                            <button
                              type="button"
                              aria-label={t('cases.victims.deleteOne', { ref: v.ref })}
                              onClick={() => {
                                setNotice(null);
                                remove.reset();
                                setOpen({ form: 'delete', victim: v });
                              }}
                            >
                              {t('app.delete')}
                            </button>
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

function VictimForm({
  caseId,
  ifMatch,
  victim,
  onDone,
}: {
  caseId: string;
  /** The case's tag when the form was opened (caseETag). */
  ifMatch: string;
  victim: Victim | null;
  onDone: (saved: boolean) => void;
}) {
  const codeLists = useQuery(codeListsQuery);
  const countries = useQuery(countriesQuery);
  const [v, setV] = useState<VictimValues>(() => (victim ? valuesOf(victim) : EMPTY));
  const set = <K extends keyof VictimValues>(key: K, value: VictimValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  // the case's version when the form was opened: the change is refused if anyone changed the case since
  const [opened] = useState(ifMatch);
  const save = useCaseSave(
    () => {
      const body = bodyOf(v);
      const cnic = v.cnic.trim() ? { cnic: v.cnic.trim() } : {};
      if (!victim)
        return call(
          api.POST('/api/v1/cases/{caseId}/victims', {
            params: { path: { caseId }, header: { 'If-Match': opened } },
            body: { ...body, ...cnic },
          }),
        );
      return call(
        api.PATCH('/api/v1/cases/{caseId}/victims/{id}', {
          params: { path: { caseId, id: victim.id }, header: { 'If-Match': opened } },
          body: { ...changed(bodyOf(valuesOf(victim)), body), ...cnic },
        }),
      );
    },
    () => onDone(true),
  );
  const problems = formProblems(save.error, fieldOf, {});
  const err = problems.fields;
  const countryOptions = (
    <>
      <option value="">{t('cases.form.notKnown')}</option>
      {(countries.data ?? []).map((c) => (
        <option key={c.alpha3} value={c.alpha3}>
          {c.name}
        </option>
      ))}
    </>
  );

  return (
    <FormPanel
      title={victim ? t('cases.victims.editTitle', { ref: victim.ref }) : t('cases.victims.addTitle')}
      onSubmit={() => save.mutate()}
    >
      <FormProblemsBanner summary={problems.summary} others={problems.others} />
      <div className="form-grid">
        <TextField
          label={t('cases.victims.ref')}
          hint={t('cases.victims.refHint')}
          value={v.ref}
          maxLength={40}
          required
          error={err.ref}
          onChange={(e) => set('ref', e.target.value)}
        />
        <SelectField
          label={t('cases.person.sex')}
          value={v.sex}
          error={err.sex}
          onChange={(e) => set('sex', e.target.value)}
        >
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {codeLabel('sex', s)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.person.age')}
          hint={t('cases.person.ageHint')}
          type="number"
          min={0}
          max={120}
          value={v.age}
          error={err.age}
          onChange={(e) => set('age', e.target.value)}
        />
        <CheckboxField
          label={t('cases.victims.ageEstimatedLabel')}
          checked={v.ageEstimated}
          error={err.ageEstimated}
          onChange={(checked) => set('ageEstimated', checked)}
        />
        <SelectField
          label={t('cases.person.nationality')}
          value={v.nationality}
          error={err.nationality}
          onChange={(e) => set('nationality', e.target.value)}
        >
          {countryOptions}
        </SelectField>
        <SelectField
          label={t('cases.victims.residenceCountry')}
          value={v.residenceCountry}
          error={err.residenceCountry}
          onChange={(e) => set('residenceCountry', e.target.value)}
        >
          {countryOptions}
        </SelectField>
        <TextField
          label={t('cases.victims.residenceDistrict')}
          hint={t('cases.form.districtTextHint')}
          value={v.residenceDistrict}
          maxLength={100}
          error={err.residenceDistrict}
          onChange={(e) => set('residenceDistrict', e.target.value)}
        />
        <TextField
          label={t('cases.victims.identifiedOn')}
          type="date"
          value={v.identifiedOn}
          error={err.identifiedOn}
          onChange={(e) => set('identifiedOn', e.target.value)}
        />
        <SelectField
          label={t('cases.victims.referredTo')}
          value={v.referredTo}
          error={err.referredTo}
          onChange={(e) => set('referredTo', e.target.value)}
        >
          <option value="">{t('cases.form.notKnown')}</option>
          {REFERRALS.map((r) => (
            <option key={r} value={r}>
              {codeLabel('referral', r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.victims.repatriated')}
          value={v.repatriated}
          error={err.repatriated}
          onChange={(e) => set('repatriated', e.target.value)}
        >
          <option value="">{t('cases.form.notKnown')}</option>
          <option value="yes">{t('app.yes')}</option>
          <option value="no">{t('app.no')}</option>
        </SelectField>
        <TextField
          label={t('cases.person.cnic')}
          hint={victim?.hasCnic ? t('cases.person.cnicKept') : t('cases.person.cnicHint')}
          value={v.cnic}
          maxLength={20}
          autoComplete="off"
          error={err.cnic}
          onChange={(e) => set('cnic', e.target.value)}
        />
      </div>
      <CheckboxGroup
        legend={t('cases.field.exploitationForms')}
        options={codeLists.data?.exploitation_form ?? []}
        value={v.exploitationForms}
        error={err.exploitationForms}
        onChange={(codes) => set('exploitationForms', codes)}
      />
      <CheckboxGroup
        legend={t('cases.victims.vulnerabilities')}
        options={codeLists.data?.vulnerability ?? []}
        value={v.vulnerabilities}
        error={err.vulnerabilities}
        onChange={(codes) => set('vulnerabilities', codes)}
      />
      <FormActions saving={save.isPending} onCancel={() => onDone(false)} />
    </FormPanel>
  );
}
