import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { formatDate, t } from '../../i18n/i18n';
import { Notice, SelectField, TextField } from '../../ui/field';
import { QueryState } from '../../ui/query-state';
import { ConfirmDialog } from './confirm-dialog';
import { CheckboxGroup, FormActions, FormPanel, FormProblemsBanner } from './fields';
import { APPEAL_STATUSES, codeLabel, PLAIN_OUTCOMES } from './labels';
import {
  caseETag,
  CaseRecord,
  Defendant,
  defendantsQuery,
  lawSectionsQuery,
  Prosecution,
  prosecutionsQuery,
} from './queries';
import { deleteProblems, formProblems, RuleContext } from './rule-words';
import { changed, numberOrNull, orNull, useCaseSave } from './use-case-save';

type CreateProsecution = Schemas['CreateProsecutionDto'];
type UpdateProsecution = Schemas['UpdateProsecutionDto'];
type ConvictionBody = Schemas['ConvictionDto'];

type Open =
  | { form: 'add' }
  | { form: 'edit'; prosecution: Prosecution }
  | { form: 'conviction'; prosecution: Prosecution }
  | { form: 'delete'; prosecution: Prosecution }
  | { form: 'deleteConviction'; prosecution: Prosecution }
  | null;

/** The service names a prosecution's fields by its defendant's ref (`prosecutions[D1].outcomeDate`) when it checks the whole case. */
function fieldsOf(own: readonly string[], defendantRef: string | undefined, rename: Record<string, string> = {}) {
  return (field: string): string | null => {
    const of = /^prosecutions\[(.+)\]\.(\w+)$/.exec(field);
    const name = of ? (of[1] === defendantRef ? of[2] : null) : field;
    if (name === null) return null;
    const renamed = rename[name] ?? name;
    return own.includes(renamed) ? renamed : null;
  };
}

const caseContext = (c: CaseRecord): RuleContext => ({
  firDate: c.firDate,
  fromStatus: c.status,
  investigationConcludedOn: c.investigationConcludedOn,
});

/** The case's prosecutions, one per prosecuted defendant, each with its conviction. */
export function ProsecutionsSection({ caseRecord, writer }: { caseRecord: CaseRecord; writer: boolean }) {
  const prosecutions = useQuery(prosecutionsQuery(caseRecord.id));
  const defendants = useQuery(defendantsQuery(caseRecord.id));
  const lawSections = useQuery(lawSectionsQuery);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const defendantOf = (p: Prosecution) => defendants.data?.find((d) => d.id === p.defendantId);
  const nameOf = (d: Defendant | undefined) => (d ? (d.name ? `${d.ref} — ${d.name}` : d.ref) : t('app.none'));
  const refOf = (p: Prosecution) => defendantOf(p)?.ref ?? '';
  const sectionName = (code: string) => {
    const s = lawSections.data?.find((l) => l.code === code);
    return s ? `${s.act} ${s.section}` : code;
  };
  const unprosecuted = (defendants.data ?? []).filter(
    (d) => !(prosecutions.data ?? []).some((p) => p.defendantId === d.id),
  );

  const remove = useCaseSave(
    () => {
      if (open?.form === 'delete') {
        return call(
          api.DELETE('/api/v1/cases/{caseId}/prosecutions/{pid}', {
            params: {
              path: { caseId: caseRecord.id, pid: open.prosecution.id },
              header: { 'If-Match': caseETag(caseRecord) },
            },
          }),
        );
      }
      if (open?.form === 'deleteConviction') {
        return call(
          api.DELETE('/api/v1/cases/{caseId}/prosecutions/{pid}/conviction', {
            params: {
              path: { caseId: caseRecord.id, pid: open.prosecution.id },
              header: { 'If-Match': caseETag(caseRecord) },
            },
          }),
        );
      }
      return Promise.resolve(undefined);
    },
    () => {
      setNotice(open?.form === 'deleteConviction' ? t('cases.conviction.deleted') : t('cases.prosecutions.deleted'));
      setOpen(null);
    },
  );
  const start = (next: Open) => {
    setNotice(null);
    remove.reset();
    setOpen(next);
  };

  return (
    <section aria-labelledby="case-prosecutions-heading">
      <div className="section-head">
        <h2 id="case-prosecutions-heading">{t('cases.prosecutions.title')}</h2>
        {writer && open?.form !== 'add' && unprosecuted.length > 0 && (
          <button type="button" onClick={() => start({ form: 'add' })}>
            {t('cases.prosecutions.add')}
          </button>
        )}
      </div>
      {writer && unprosecuted.length === 0 && (prosecutions.data?.length ?? 0) === 0 && (
        <p className="hint">{t('cases.prosecutions.needDefendant')}</p>
      )}
      <Notice message={notice} />
      {(open?.form === 'add' || open?.form === 'edit') && (
        <ProsecutionForm
          caseRecord={caseRecord}
          prosecution={open.form === 'edit' ? open.prosecution : null}
          defendants={open.form === 'edit' ? (defendants.data ?? []) : unprosecuted}
          onDone={(saved) => {
            setOpen(null);
            if (saved) setNotice(t('cases.prosecutions.saved'));
          }}
        />
      )}
      {open?.form === 'conviction' && (
        <ConvictionForm
          caseRecord={caseRecord}
          prosecution={open.prosecution}
          defendantRef={refOf(open.prosecution)}
          onDone={(saved) => {
            setOpen(null);
            if (saved) setNotice(t('cases.conviction.saved'));
          }}
        />
      )}
      {(open?.form === 'delete' || open?.form === 'deleteConviction') && (
        <ConfirmDialog
          question={
            open.form === 'delete'
              ? t('cases.prosecutions.confirmDelete', { ref: refOf(open.prosecution) })
              : t('cases.conviction.confirmDelete', { ref: refOf(open.prosecution) })
          }
          confirmLabel={open.form === 'delete' ? t('cases.prosecutions.delete') : t('cases.conviction.delete')}
          pending={remove.isPending}
          problems={deleteProblems(remove.error)}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
        />
      )}
      <QueryState query={prosecutions}>
        {() =>
          prosecutions.data!.length === 0 ? (
            <p>{t('cases.prosecutions.none')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="case-prosecutions-heading" tabIndex={0}>
              <table aria-labelledby="case-prosecutions-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('cases.prosecutions.defendant')}</th>
                    <th scope="col">{t('cases.prosecutions.court')}</th>
                    <th scope="col">{t('cases.prosecutions.charges')}</th>
                    <th scope="col">{t('cases.prosecutions.date')}</th>
                    <th scope="col">{t('cases.prosecutions.outcome')}</th>
                    <th scope="col">{t('cases.prosecutions.outcomeDate')}</th>
                    <th scope="col">{t('cases.conviction.title')}</th>
                    {writer && <th scope="col">{t('cases.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {prosecutions.data!.map((p) => {
                    const ref = refOf(p);
                    return (
                      <tr key={p.id}>
                        <td>{nameOf(defendantOf(p))}</td>
                        <td>{p.court ?? t('app.none')}</td>
                        <td>{p.charges.length ? p.charges.map(sectionName).join(', ') : t('app.none')}</td>
                        <td>{formatDate(p.prosecutionDate)}</td>
                        <td>{codeLabel('outcome', p.outcome)}</td>
                        <td>{formatDate(p.outcomeDate)}</td>
                        <td>
                          {p.conviction ? (
                            <ul className="plain-list">
                              <li>{t('cases.conviction.judged', { date: formatDate(p.conviction.judgmentDate) })}</li>
                              {p.conviction.sections.length > 0 && (
                                <li>{p.conviction.sections.map(sectionName).join(', ')}</li>
                              )}
                              {p.conviction.imprisonmentMonths !== null && (
                                <li>{t('cases.conviction.months', { months: p.conviction.imprisonmentMonths })}</li>
                              )}
                              {p.conviction.finePkr !== null && (
                                <li>{t('cases.conviction.fine', { fine: p.conviction.finePkr })}</li>
                              )}
                              <li>{codeLabel('appeal', p.conviction.appealStatus)}</li>
                            </ul>
                          ) : (
                            t('app.none')
                          )}
                        </td>
                        {writer && (
                          <td>
                            <div className="row-actions">
                              <button
                                type="button"
                                aria-label={t('cases.prosecutions.editOne', { ref })}
                                onClick={() => start({ form: 'edit', prosecution: p })}
                              >
                                {t('app.edit')}
                              </button>
                              <button
                                type="button"
                                aria-label={
                                  p.conviction
                                    ? t('cases.conviction.editOne', { ref })
                                    : t('cases.conviction.recordOne', { ref })
                                }
                                onClick={() => start({ form: 'conviction', prosecution: p })}
                              >
                                {p.conviction ? t('cases.conviction.edit') : t('cases.conviction.record')}
                              </button>
                              {p.conviction && (
                                <button
                                  type="button"
                                  aria-label={t('cases.conviction.deleteOne', { ref })}
                                  onClick={() => start({ form: 'deleteConviction', prosecution: p })}
                                >
                                  {t('cases.conviction.delete')}
                                </button>
                              )}
                              <button
                                type="button"
                                aria-label={t('cases.prosecutions.deleteOne', { ref })}
                                onClick={() => start({ form: 'delete', prosecution: p })}
                              >
                                {t('app.delete')}
                              </button>
                            </div>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

interface ProsecutionValues {
  defendantId: string;
  court: string;
  charges: string[];
  prosecutionDate: string;
  outcome: string;
  outcomeDate: string;
}

const PROSECUTION_FIELDS = ['defendantId', 'court', 'charges', 'prosecutionDate', 'outcome', 'outcomeDate'];

function ProsecutionForm({
  caseRecord,
  prosecution,
  defendants,
  onDone,
}: {
  caseRecord: CaseRecord;
  prosecution: Prosecution | null;
  defendants: Defendant[];
  onDone: (saved: boolean) => void;
}) {
  const lawSections = useQuery(lawSectionsQuery);
  // the case's version when the form was opened: the change is refused if anyone changed the case since
  const [opened] = useState(() => caseETag(caseRecord));
  const [v, setV] = useState<ProsecutionValues>(() => ({
    defendantId: prosecution?.defendantId ?? defendants[0]?.id ?? '',
    court: prosecution?.court ?? '',
    charges: prosecution?.charges ?? caseRecord.lawSections,
    prosecutionDate: prosecution?.prosecutionDate ?? '',
    outcome: prosecution?.outcome ?? 'pending',
    outcomeDate: prosecution?.outcomeDate ?? '',
  }));
  const set = <K extends keyof ProsecutionValues>(key: K, value: ProsecutionValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const defendantRef = defendants.find((d) => d.id === v.defendantId)?.ref;

  const save = useCaseSave(
    () => {
      const fields = {
        court: orNull(v.court),
        charges: v.charges as CreateProsecution['charges'],
        prosecutionDate: v.prosecutionDate,
        outcomeDate: orNull(v.outcomeDate),
      };
      // `convicted` is kept by leaving the outcome out; the conviction form records it
      const outcome = v.outcome === 'convicted' ? {} : { outcome: v.outcome as CreateProsecution['outcome'] };
      if (!prosecution) {
        return call(
          api.POST('/api/v1/cases/{caseId}/prosecutions', {
            params: { path: { caseId: caseRecord.id }, header: { 'If-Match': opened } },
            body: { defendantId: v.defendantId, ...fields, ...outcome },
          }),
        );
      }
      const before: UpdateProsecution = {
        court: prosecution.court,
        charges: prosecution.charges as UpdateProsecution['charges'],
        prosecutionDate: prosecution.prosecutionDate,
        outcomeDate: prosecution.outcomeDate,
        outcome: prosecution.outcome as UpdateProsecution['outcome'],
      };
      return call(
        api.PATCH('/api/v1/cases/{caseId}/prosecutions/{pid}', {
          params: { path: { caseId: caseRecord.id, pid: prosecution.id }, header: { 'If-Match': opened } },
          body: changed(before, {
            ...fields,
            ...outcome,
            ...(v.outcome === 'convicted' ? { outcome: before.outcome } : {}),
          }),
        }),
      );
    },
    () => onDone(true),
  );
  const problems = formProblems(save.error, fieldsOf(PROSECUTION_FIELDS, defendantRef), {
    ...caseContext(caseRecord),
    prosecutionDate: v.prosecutionDate || undefined,
  });
  const err = problems.fields;

  return (
    <FormPanel
      title={
        prosecution ? t('cases.prosecutions.editTitle', { ref: defendantRef ?? '' }) : t('cases.prosecutions.addTitle')
      }
      onSubmit={() => save.mutate()}
    >
      <FormProblemsBanner summary={problems.summary} others={problems.others} />
      <div className="form-grid">
        <SelectField
          label={t('cases.prosecutions.defendant')}
          value={v.defendantId}
          disabled={prosecution !== null}
          hint={prosecution ? t('cases.prosecutions.defendantFixed') : undefined}
          error={err.defendantId}
          onChange={(e) => set('defendantId', e.target.value)}
        >
          {defendants.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name ? `${d.ref} — ${d.name}` : d.ref}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.prosecutions.court')}
          value={v.court}
          maxLength={200}
          error={err.court}
          onChange={(e) => set('court', e.target.value)}
        />
        <TextField
          label={t('cases.prosecutions.date')}
          hint={t('cases.prosecutions.dateHint')}
          type="date"
          value={v.prosecutionDate}
          required
          error={err.prosecutionDate}
          onChange={(e) => set('prosecutionDate', e.target.value)}
        />
        <SelectField
          label={t('cases.prosecutions.outcome')}
          value={v.outcome}
          hint={prosecution?.outcome === 'convicted' ? t('cases.prosecutions.outcomeConvictedHint') : undefined}
          error={err.outcome}
          onChange={(e) => set('outcome', e.target.value)}
        >
          {prosecution?.outcome === 'convicted' && (
            <option value="convicted">{codeLabel('outcome', 'convicted')}</option>
          )}
          {PLAIN_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {codeLabel('outcome', o)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.prosecutions.outcomeDate')}
          hint={t('cases.prosecutions.outcomeDateHint')}
          type="date"
          value={v.outcomeDate}
          error={err.outcomeDate}
          onChange={(e) => set('outcomeDate', e.target.value)}
        />
      </div>
      <CheckboxGroup
        legend={t('cases.prosecutions.charges')}
        options={(lawSections.data ?? []).map((s) => ({
          code: s.code,
          label: t('cases.lawSection', { act: s.act, section: s.section, title: s.title }),
        }))}
        value={v.charges}
        error={err.charges}
        onChange={(codes) => set('charges', codes)}
      />
      <FormActions saving={save.isPending} onCancel={() => onDone(false)} />
    </FormPanel>
  );
}

interface ConvictionValues {
  judgmentDate: string;
  sections: string[];
  imprisonmentMonths: string;
  finePkr: string;
  appealStatus: string;
}

const CONVICTION_FIELDS = ['judgmentDate', 'sections', 'imprisonmentMonths', 'finePkr', 'appealStatus'];

/** Records or changes the conviction of one prosecution: its outcome becomes convicted on the judgment date. */
function ConvictionForm({
  caseRecord,
  prosecution,
  defendantRef,
  onDone,
}: {
  caseRecord: CaseRecord;
  prosecution: Prosecution;
  defendantRef: string;
  onDone: (saved: boolean) => void;
}) {
  const lawSections = useQuery(lawSectionsQuery);
  // the case's version when the form was opened: the change is refused if anyone changed the case since
  const [opened] = useState(() => caseETag(caseRecord));
  const existing = prosecution.conviction;
  const [v, setV] = useState<ConvictionValues>(() => ({
    judgmentDate: existing?.judgmentDate ?? '',
    sections: existing?.sections ?? prosecution.charges,
    imprisonmentMonths: existing?.imprisonmentMonths === null || !existing ? '' : String(existing.imprisonmentMonths),
    finePkr: existing?.finePkr === null || !existing ? '' : String(existing.finePkr),
    appealStatus: existing?.appealStatus ?? 'none',
  }));
  const set = <K extends keyof ConvictionValues>(key: K, value: ConvictionValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const save = useCaseSave(
    () => {
      const body: ConvictionBody = {
        judgmentDate: v.judgmentDate,
        sections: v.sections as ConvictionBody['sections'],
        imprisonmentMonths: numberOrNull(v.imprisonmentMonths),
        finePkr: numberOrNull(v.finePkr),
        appealStatus: v.appealStatus as ConvictionBody['appealStatus'],
      };
      return call(
        api.PUT('/api/v1/cases/{caseId}/prosecutions/{pid}/conviction', {
          params: { path: { caseId: caseRecord.id, pid: prosecution.id }, header: { 'If-Match': opened } },
          body,
        }),
      );
    },
    () => onDone(true),
  );
  // the judgment date is the prosecution's outcome date, which is what the service names
  const problems = formProblems(
    save.error,
    fieldsOf(CONVICTION_FIELDS, defendantRef, { outcomeDate: 'judgmentDate' }),
    { ...caseContext(caseRecord), prosecutionDate: prosecution.prosecutionDate },
  );
  const err = problems.fields;

  return (
    <FormPanel
      title={
        existing
          ? t('cases.conviction.editTitle', { ref: defendantRef })
          : t('cases.conviction.recordTitle', { ref: defendantRef })
      }
      onSubmit={() => save.mutate()}
    >
      <FormProblemsBanner summary={problems.summary} others={problems.others} />
      <p className="hint">{t('cases.conviction.prosecutedOn', { date: formatDate(prosecution.prosecutionDate) })}</p>
      <div className="form-grid">
        <TextField
          label={t('cases.conviction.judgmentDate')}
          type="date"
          value={v.judgmentDate}
          required
          error={err.judgmentDate}
          onChange={(e) => set('judgmentDate', e.target.value)}
        />
        <TextField
          label={t('cases.conviction.imprisonmentMonths')}
          type="number"
          min={0}
          max={12000}
          value={v.imprisonmentMonths}
          error={err.imprisonmentMonths}
          onChange={(e) => set('imprisonmentMonths', e.target.value)}
        />
        <TextField
          label={t('cases.conviction.finePkr')}
          type="number"
          min={0}
          value={v.finePkr}
          error={err.finePkr}
          onChange={(e) => set('finePkr', e.target.value)}
        />
        <SelectField
          label={t('cases.conviction.appeal')}
          value={v.appealStatus}
          error={err.appealStatus}
          onChange={(e) => set('appealStatus', e.target.value)}
        >
          {APPEAL_STATUSES.map((a) => (
            <option key={a} value={a}>
              {codeLabel('appeal', a)}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxGroup
        legend={t('cases.conviction.sections')}
        options={(lawSections.data ?? []).map((s) => ({
          code: s.code,
          label: t('cases.lawSection', { act: s.act, section: s.section, title: s.title }),
        }))}
        value={v.sections}
        error={err.sections}
        onChange={(codes) => set('sections', codes)}
      />
      <FormActions saving={save.isPending} onCancel={() => onDone(false)} />
    </FormPanel>
  );
}
