import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { t } from '../../i18n/i18n';
import { Notice, SelectField, TextField } from '../../ui/field';
import { QueryState } from '../../ui/query-state';
import { ConfirmDialog } from './confirm-dialog';
import { FormActions, FormPanel, FormProblemsBanner } from './fields';
import { codeLabel, CUSTODY_STATUSES, listLabel, SEXES } from './labels';
import {
  caseETag,
  CaseRecord,
  codeListsQuery,
  countriesQuery,
  Defendant,
  defendantsQuery,
  useCountryNames,
} from './queries';
import { deleteProblems, formProblems } from './rule-words';
import { changed, numberOrNull, orNull, useCaseSave } from './use-case-save';

type DefendantBody = Schemas['CreateDefendantDto'];

interface DefendantValues {
  ref: string;
  name: string;
  sex: string;
  age: string;
  nationality: string;
  role: string;
  custodyStatus: string;
  groupName: string;
  cnic: string;
}

const EMPTY: DefendantValues = {
  ref: '',
  name: '',
  sex: 'unknown',
  age: '',
  nationality: '',
  role: '',
  custodyStatus: 'suspect',
  groupName: '',
  cnic: '',
};

const valuesOf = (d: Defendant): DefendantValues => ({
  ref: d.ref,
  name: d.name ?? '',
  sex: d.sex,
  age: d.age === null ? '' : String(d.age),
  nationality: d.nationality ?? '',
  role: d.role ?? '',
  custodyStatus: d.custodyStatus,
  groupName: d.groupName ?? '',
  cnic: '',
});

const bodyOf = (v: DefendantValues): DefendantBody => ({
  ref: v.ref.trim(),
  name: orNull(v.name),
  sex: v.sex as DefendantBody['sex'],
  age: numberOrNull(v.age),
  nationality: orNull(v.nationality),
  role: orNull(v.role) as DefendantBody['role'],
  custodyStatus: v.custodyStatus as DefendantBody['custodyStatus'],
  groupName: orNull(v.groupName),
});

const FIELDS = new Set(Object.keys(EMPTY));
const fieldOf = (field: string) => (FIELDS.has(field) ? field : null);

type Open = { form: 'add' } | { form: 'edit'; defendant: Defendant } | { form: 'delete'; defendant: Defendant } | null;

/** The case's defendants, as the service gives them to this reader, with forms for those who may change them. */
export function DefendantsSection({ caseRecord, writer }: { caseRecord: CaseRecord; writer: boolean }) {
  const defendants = useQuery(defendantsQuery(caseRecord.id));
  const codeLists = useQuery(codeListsQuery);
  const countries = useCountryNames();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useCaseSave(
    () =>
      open?.form === 'delete'
        ? call(
            api.DELETE('/api/v1/cases/{caseId}/defendants/{id}', {
              params: {
                path: { caseId: caseRecord.id, id: open.defendant.id },
                header: { 'If-Match': caseETag(caseRecord) },
              },
            }),
          )
        : Promise.resolve(undefined),
    () => {
      setOpen(null);
      setNotice(t('cases.defendants.deleted'));
    },
  );

  return (
    <section aria-labelledby="case-defendants-heading">
      <div className="section-head">
        <h2 id="case-defendants-heading">{t('cases.defendants.title')}</h2>
        {writer && open?.form !== 'add' && (
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setOpen({ form: 'add' });
            }}
          >
            {t('cases.defendants.add')}
          </button>
        )}
      </div>
      <Notice message={notice} />
      {(open?.form === 'add' || open?.form === 'edit') && (
        <DefendantForm
          caseId={caseRecord.id}
          ifMatch={caseETag(caseRecord)}
          defendant={open.form === 'edit' ? open.defendant : null}
          onDone={(saved) => {
            setOpen(null);
            if (saved) setNotice(t('cases.defendants.saved'));
          }}
        />
      )}
      {open?.form === 'delete' && (
        <ConfirmDialog
          question={t('cases.defendants.confirmDelete', { ref: open.defendant.ref })}
          confirmLabel={t('cases.defendants.delete')}
          pending={remove.isPending}
          problems={deleteProblems(remove.error)}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
        />
      )}
      <QueryState query={defendants}>
        {() =>
          defendants.data!.length === 0 ? (
            <p>{t('cases.defendants.none')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="case-defendants-heading" tabIndex={0}>
              <table aria-labelledby="case-defendants-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('cases.defendants.ref')}</th>
                    <th scope="col">{t('cases.defendants.name')}</th>
                    <th scope="col">{t('cases.person.sex')}</th>
                    <th scope="col" className="number">
                      {t('cases.person.age')}
                    </th>
                    <th scope="col">{t('cases.person.nationality')}</th>
                    <th scope="col">{t('cases.defendants.role')}</th>
                    <th scope="col">{t('cases.defendants.custody')}</th>
                    <th scope="col">{t('cases.defendants.group')}</th>
                    {writer && <th scope="col">{t('cases.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {defendants.data!.map((d) => (
                    <tr key={d.id}>
                      <td>{d.ref}</td>
                      <td>{d.name ?? t('app.none')}</td>
                      <td>{codeLabel('sex', d.sex)}</td>
                      <td className="number">{d.age === null ? t('cases.person.ageUnknown') : String(d.age)}</td>
                      <td>{d.nationality ? (countries.get(d.nationality) ?? d.nationality) : t('app.none')}</td>
                      <td>{listLabel(codeLists.data?.defendant_role, d.role)}</td>
                      <td>{codeLabel('custody', d.custodyStatus)}</td>
                      <td>{d.groupName ?? t('app.none')}</td>
                      {writer && (
                        <td>
                          <div className="row-actions">
                            <button
                              type="button"
                              aria-label={t('cases.defendants.editOne', { ref: d.ref })}
                              onClick={() => {
                                setNotice(null);
                                setOpen({ form: 'edit', defendant: d });
                              }}
                            >
                              {t('app.edit')}
                            </button>
                            <button
                              type="button"
                              aria-label={t('cases.defendants.deleteOne', { ref: d.ref })}
                              onClick={() => {
                                setNotice(null);
                                remove.reset();
                                setOpen({ form: 'delete', defendant: d });
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

function DefendantForm({
  caseId,
  ifMatch,
  defendant,
  onDone,
}: {
  caseId: string;
  /** The case's tag when the form was opened (caseETag). */
  ifMatch: string;
  defendant: Defendant | null;
  onDone: (saved: boolean) => void;
}) {
  const codeLists = useQuery(codeListsQuery);
  const countries = useQuery(countriesQuery);
  const [v, setV] = useState<DefendantValues>(() => (defendant ? valuesOf(defendant) : EMPTY));
  const set = <K extends keyof DefendantValues>(key: K, value: DefendantValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  // the case's version when the form was opened: the change is refused if anyone changed the case since
  const [opened] = useState(ifMatch);
  const save = useCaseSave(
    () => {
      const body = bodyOf(v);
      const cnic = v.cnic.trim() ? { cnic: v.cnic.trim() } : {};
      if (!defendant) {
        return call(
          api.POST('/api/v1/cases/{caseId}/defendants', {
            params: { path: { caseId }, header: { 'If-Match': opened } },
            body: { ...body, ...cnic },
          }),
        );
      }
      return call(
        api.PATCH('/api/v1/cases/{caseId}/defendants/{id}', {
          params: { path: { caseId, id: defendant.id }, header: { 'If-Match': opened } },
          body: { ...changed(bodyOf(valuesOf(defendant)), body), ...cnic },
        }),
      );
    },
    () => onDone(true),
  );
  const problems = formProblems(save.error, fieldOf, {});
  const err = problems.fields;

  return (
    <FormPanel
      title={defendant ? t('cases.defendants.editTitle', { ref: defendant.ref }) : t('cases.defendants.addTitle')}
      onSubmit={() => save.mutate()}
    >
      <FormProblemsBanner summary={problems.summary} others={problems.others} />
      <div className="form-grid">
        <TextField
          label={t('cases.defendants.ref')}
          hint={t('cases.defendants.refHint')}
          value={v.ref}
          maxLength={40}
          required
          error={err.ref}
          onChange={(e) => set('ref', e.target.value)}
        />
        <TextField
          label={t('cases.defendants.name')}
          hint={t('cases.defendants.nameHint')}
          value={v.name}
          maxLength={200}
          autoComplete="off"
          error={err.name}
          onChange={(e) => set('name', e.target.value)}
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
        <SelectField
          label={t('cases.person.nationality')}
          value={v.nationality}
          error={err.nationality}
          onChange={(e) => set('nationality', e.target.value)}
        >
          <option value="">{t('cases.form.notKnown')}</option>
          {(countries.data ?? []).map((c) => (
            <option key={c.alpha3} value={c.alpha3}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.defendants.role')}
          value={v.role}
          error={err.role}
          onChange={(e) => set('role', e.target.value)}
        >
          <option value="">{t('cases.form.notKnown')}</option>
          {(codeLists.data?.defendant_role ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.defendants.custody')}
          value={v.custodyStatus}
          error={err.custodyStatus}
          onChange={(e) => set('custodyStatus', e.target.value)}
        >
          {CUSTODY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {codeLabel('custody', s)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.defendants.group')}
          value={v.groupName}
          maxLength={200}
          error={err.groupName}
          onChange={(e) => set('groupName', e.target.value)}
        />
        <TextField
          label={t('cases.person.cnic')}
          hint={defendant?.hasCnic ? t('cases.person.cnicKept') : t('cases.person.cnicHint')}
          value={v.cnic}
          maxLength={20}
          autoComplete="off"
          error={err.cnic}
          onChange={(e) => set('cnic', e.target.value)}
        />
      </div>
      <FormActions saving={save.isPending} onCancel={() => onDone(false)} />
    </FormPanel>
  );
}
