import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { t } from '../../i18n/i18n';
import { FormError, Notice, SelectField, TextField } from '../../ui/field';
import { CheckboxField, CheckboxGroup } from '../cases/fields';
import { Agency, AGENCIES, agencyLabel, jurisdictionLabel } from './labels';
import { Jurisdiction, ReportingUnit, UNITS_KEY, USERS_KEY } from './queries';
import { CodeWords, FieldWords, refusal } from './refusal';

type UnitChange = Schemas['UpdateReportingUnitDto'];

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

const TEXT_WORDS = {
  'COMMON.MIN_LENGTH': 'units.nameRequired',
  'COMMON.MAX_LENGTH': 'units.nameTooLong',
  'COMMON.CONTROL_CHARACTER': 'units.textControl',
  'COMMON.BIDI_CONTROL': 'units.textControl',
  'COMMON.LONE_SURROGATE': 'units.textControl',
} as const;

const UNIT_WORDS: FieldWords = {
  code: { '*': 'units.codeInvalid' },
  name: { ...TEXT_WORDS },
  agency: { '*': 'units.agencyRequired' },
  jurisdictions: { 'COMMON.ARRAY_MIN_SIZE': 'units.jurisdictionsRequired', '*': 'units.jurisdictionsInvalid' },
};

const UNIT_CODES: CodeWords = {
  'REPORTING_UNIT.EXISTS': { field: 'code', key: 'problem.REPORTING_UNIT.EXISTS' },
  'REPORTING_UNIT.JURISDICTION_IN_USE': {
    field: 'jurisdictions',
    key: 'problem.REPORTING_UNIT.JURISDICTION_IN_USE',
  },
  'REPORTING_UNIT.AGENCY_IN_USE': { field: 'agency', key: 'problem.REPORTING_UNIT.AGENCY_IN_USE' },
  'REPORTING_UNIT.NOT_FOUND': { key: 'problem.REPORTING_UNIT.NOT_FOUND' },
  'REFERENCE.JURISDICTION_NOT_FOUND': { field: 'jurisdictions', key: 'units.jurisdictionsInvalid' },
};

function jurisdictionOptions(jurisdictions: Jurisdiction[]) {
  return jurisdictions.map((j) => ({ code: j.code, label: jurisdictionLabel(j.code, j.name) }));
}

/** A new unit: an FIA zone, another agency; its code never changes afterwards. */
export function UnitCreateForm({ jurisdictions }: { jurisdictions: Jurisdiction[] }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [agency, setAgency] = useState<Agency | ''>('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: Schemas['CreateReportingUnitDto']) => call(api.POST('/api/v1/reporting-units', { body })),
    onSuccess: async () => {
      setCode('');
      setName('');
      setAgency('');
      setChosen([]);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  const refused = refusal(add.error, UNIT_WORDS, UNIT_CODES);
  const errors = { ...refused.fields, ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      code: code.trim().toUpperCase(),
      name: name.trim(),
      agency: agency as Agency,
      jurisdictions: chosen,
    };
    const problems: Record<string, string> = {};
    if (!CODE.test(body.code) || body.code.length > 40) problems.code = t('units.codeInvalid');
    if (body.name.length < 2) problems.name = t('units.nameRequired');
    if (!agency) problems.agency = t('units.agencyRequired');
    if (chosen.length === 0) problems.jurisdictions = t('units.jurisdictionsRequired');
    setChecked(problems);
    if (Object.keys(problems).length) return add.reset();
    add.mutate(body);
  };

  return (
    <section className="panel" aria-labelledby="add-unit-heading">
      <h2 id="add-unit-heading">{t('units.addTitle')}</h2>
      <p className="hint">{t('units.addIntro')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <FormError message={refused.form} />
        <Notice message={add.isSuccess ? t('units.added', { name: add.data.name, code: add.data.code }) : null} />
        <TextField
          label={t('units.code')}
          hint={t('units.codeHint')}
          required
          maxLength={40}
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          error={errors.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <TextField
          label={t('units.name')}
          required
          maxLength={200}
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('units.agency')}
          required
          value={agency}
          error={errors.agency}
          onChange={(e) => setAgency(e.target.value as Agency | '')}
        >
          <option value="">{t('units.chooseAgency')}</option>
          {AGENCIES.map((a) => (
            <option key={a} value={a}>
              {agencyLabel(a)}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend={t('units.jurisdictions')}
          hint={t('units.jurisdictionsHint')}
          options={jurisdictionOptions(jurisdictions)}
          value={chosen}
          error={errors.jurisdictions}
          onChange={setChosen}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {add.isPending ? t('app.saving') : t('units.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One unit's name, jurisdictions and whether its focal persons may sign in. */
export function UnitEditForm({
  unit,
  jurisdictions,
  onClose,
}: {
  unit: ReportingUnit;
  jurisdictions: Jurisdiction[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [name, setName] = useState(unit.name);
  const [chosen, setChosen] = useState<string[]>(unit.jurisdictions);
  const [active, setActive] = useState(unit.active);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: UnitChange) =>
      call(api.PATCH('/api/v1/reporting-units/{code}', { params: { path: { code: unit.code } }, body })),
    onSuccess: async () => {
      // the users page shows the unit's name
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const refused = refusal(save.error, UNIT_WORDS, UNIT_CODES);
  const errors = { ...refused.fields, ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim().length < 2) problems.name = t('units.nameRequired');
    if (chosen.length === 0) problems.jurisdictions = t('units.jurisdictionsRequired');
    setChecked(problems);
    if (Object.keys(problems).length) return save.reset();
    save.mutate({ name: name.trim(), jurisdictions: chosen, active });
  };

  return (
    <section className="panel" aria-labelledby="edit-unit-heading">
      <h2 id="edit-unit-heading" ref={heading} tabIndex={-1}>
        {t('units.editTitle', { name: unit.name })}
      </h2>
      <p className="hint">{t('units.editIntro')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <FormError message={refused.form} />
        <dl className="details">
          <dt>{t('units.code')}</dt>
          <dd>
            <code>{unit.code}</code>
          </dd>
          <dt>{t('units.agency')}</dt>
          <dd>{agencyLabel(unit.agency)}</dd>
        </dl>
        <TextField
          label={t('units.name')}
          required
          maxLength={200}
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <CheckboxGroup
          legend={t('units.jurisdictions')}
          hint={t('units.jurisdictionsHint')}
          options={jurisdictionOptions(jurisdictions)}
          value={chosen}
          error={errors.jurisdictions}
          onChange={setChosen}
        />
        <CheckboxField label={t('units.activeLabel')} checked={active} onChange={setActive} />
        <Notice message={save.isSuccess ? t('units.saved') : null} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('app.saving') : t('units.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('units.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
