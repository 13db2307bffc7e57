import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { t } from '../../i18n/i18n';
import { FormError, Notice, SelectField, TextField } from '../../ui/field';
import { District, districtsKey } from './queries';
import { CodeWords, FieldWords, refusal } from './refusal';

const CODE = /^[A-Z0-9-]{2,16}$/;
const EARLIEST = '1900-01-01';
const LATEST = '2100-12-31';

const TEXT_WORDS = {
  'COMMON.MIN_LENGTH': 'admin.districts.textTooShort',
  'COMMON.MAX_LENGTH': 'admin.districts.textTooLong',
  'COMMON.CONTROL_CHARACTER': 'admin.districts.textControl',
  'COMMON.BIDI_CONTROL': 'admin.districts.textControl',
  'COMMON.LONE_SURROGATE': 'admin.districts.textControl',
} as const;

const DISTRICT_WORDS: FieldWords = {
  code: { '*': 'admin.districts.codeInvalid' },
  name: { ...TEXT_WORDS },
  validFrom: { '*': 'admin.districts.dateInvalid' },
};
const DISTRICT_CODES: CodeWords = {
  'REFERENCE.DISTRICT_EXISTS': { field: 'code', key: 'admin.districts.codeTaken' },
  'REFERENCE.ALIAS_EXISTS': { field: 'name', key: 'admin.districts.nameTaken' },
  'REFERENCE.JURISDICTION_NOT_FOUND': { key: 'admin.districts.jurisdictionGone' },
};

const ALIAS_WORDS: FieldWords = { alias: { ...TEXT_WORDS } };
const ALIAS_CODES: CodeWords = {
  'REFERENCE.ALIAS_EXISTS': { field: 'alias', key: 'admin.districts.aliasTaken' },
  'REFERENCE.DISTRICT_NOT_FOUND': { field: 'district', key: 'admin.districts.districtGone' },
};

/** A district the list lacks (a newly notified one), with its P-code or a provisional code. */
export function DistrictForm({ jurisdiction, jurisdictionName }: { jurisdiction: string; jurisdictionName: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: { name: string; code: string; validFrom?: string }) =>
      call(api.POST('/api/v1/jurisdictions/{code}/districts', { params: { path: { code: jurisdiction } }, body })),
    onSuccess: async () => {
      setName('');
      setCode('');
      setValidFrom('');
      await queryClient.invalidateQueries({ queryKey: districtsKey(jurisdiction) });
    },
  });
  const refused = refusal(add.error, DISTRICT_WORDS, DISTRICT_CODES);
  const errors = { ...refused.fields, ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), code: code.trim().toUpperCase(), validFrom };
    const problems: Record<string, string> = {};
    if (body.name.length < 2) problems.name = t('admin.districts.nameRequired');
    if (!CODE.test(body.code)) problems.code = t('admin.districts.codeInvalid');
    if (validFrom && (validFrom < EARLIEST || validFrom > LATEST))
      problems.validFrom = t('admin.districts.dateInvalid');
    setChecked(problems);
    if (Object.keys(problems).length) return add.reset();
    add.mutate(validFrom ? body : { name: body.name, code: body.code });
  };

  return (
    <section className="panel" aria-labelledby="add-district-heading">
      <h2 id="add-district-heading">{t('admin.districts.addTitle', { jurisdiction: jurisdictionName })}</h2>
      <p className="hint">{t('admin.districts.addIntro')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <FormError message={refused.form} />
        <Notice
          message={add.isSuccess ? t('admin.districts.added', { name: add.data.name, code: add.data.code }) : null}
        />
        <TextField
          label={t('admin.districts.name')}
          required
          maxLength={100}
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('admin.districts.code')}
          hint={t('admin.districts.codeHint')}
          required
          maxLength={16}
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          error={errors.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <TextField
          label={t('admin.districts.validFrom')}
          hint={t('admin.districts.validFromHint')}
          type="date"
          min={EARLIEST}
          max={LATEST}
          value={validFrom}
          error={errors.validFrom}
          onChange={(e) => setValidFrom(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {add.isPending ? t('app.saving') : t('admin.districts.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Another spelling of a district, by which uploads and case forms find it. */
export function AliasForm({
  districts,
  jurisdiction,
  district,
  onDistrict,
  focusRequest,
}: {
  districts: District[];
  jurisdiction: string;
  district: string;
  onDistrict: (code: string) => void;
  focusRequest: number;
}) {
  const queryClient = useQueryClient();
  const spelling = useRef<HTMLDivElement>(null);
  const [alias, setAlias] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  useEffect(() => {
    if (focusRequest > 0) spelling.current?.querySelector('input')?.focus();
  }, [focusRequest]);
  const add = useMutation({
    mutationFn: (vars: { district: string; alias: string }) =>
      call(
        api.POST('/api/v1/districts/{code}/aliases', {
          params: { path: { code: vars.district } },
          body: { alias: vars.alias },
        }),
      ),
    onSuccess: async () => {
      setAlias('');
      await queryClient.invalidateQueries({ queryKey: districtsKey(jurisdiction) });
    },
  });
  const refused = refusal(add.error, ALIAS_WORDS, ALIAS_CODES);
  const errors = { ...refused.fields, ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!district) problems.district = t('admin.districts.districtRequired');
    if (alias.trim().length < 2) problems.alias = t('admin.districts.aliasRequired');
    setChecked(problems);
    if (Object.keys(problems).length) return add.reset();
    add.mutate({ district, alias: alias.trim() });
  };

  return (
    <section className="panel" aria-labelledby="add-alias-heading">
      <h2 id="add-alias-heading">{t('admin.districts.aliasTitle')}</h2>
      <p className="hint">{t('admin.districts.aliasIntro')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <FormError message={refused.form} />
        <Notice
          message={
            add.isSuccess ? t('admin.districts.aliasAdded', { alias: add.variables.alias, name: add.data.name }) : null
          }
        />
        <SelectField
          label={t('admin.districts.district')}
          required
          value={district}
          error={errors.district}
          onChange={(e) => onDistrict(e.target.value)}
        >
          <option value="">{t('admin.districts.chooseDistrict')}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name} ({d.code})
            </option>
          ))}
        </SelectField>
        <div ref={spelling}>
          <TextField
            label={t('admin.districts.alias')}
            hint={t('admin.districts.aliasHint')}
            required
            maxLength={100}
            value={alias}
            error={errors.alias}
            onChange={(e) => setAlias(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {add.isPending ? t('app.saving') : t('admin.districts.aliasAdd')}
          </button>
        </div>
      </form>
    </section>
  );
}
