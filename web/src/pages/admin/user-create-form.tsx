import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { t } from '../../i18n/i18n';
import type { Role } from '../../session/session';
import { FormError, SelectField, TextField } from '../../ui/field';
import { roleLabel, ROLES, unitLabel } from './labels';
import type { IssuedPassword } from './one-time-password';
import { ReportingUnit, UNITS_KEY, USERS_KEY } from './queries';
import { CodeWords, FieldWords, refusal } from './refusal';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const ROLE_FIELD_WORDS: FieldWords = {
  role: { '*': 'admin.users.roleInvalid' },
  reportingUnit: {
    'COMMON.REQUIRED': 'admin.users.unitRequired',
    'COMMON.NOT_ALLOWED': 'admin.users.unitNotAllowed',
    '*': 'admin.users.unitInvalid',
  },
};

const CREATE_WORDS: FieldWords = {
  ...ROLE_FIELD_WORDS,
  email: { 'COMMON.MAX_LENGTH': 'admin.users.emailTooLong', '*': 'admin.users.emailInvalid' },
};

export const USER_CODE_WORDS: CodeWords = {
  'USER.ALREADY_EXISTS': { field: 'email', key: 'admin.users.emailTaken' },
  'USER.LAST_ADMIN': { key: 'admin.users.lastAdmin' },
  'USER.NOT_FOUND': { key: 'admin.users.notFound' },
  'REPORTING_UNIT.NOT_FOUND': { field: 'reportingUnit', key: 'admin.users.unitInvalid' },
  'REPORTING_UNIT.INACTIVE': { field: 'reportingUnit', key: 'problem.REPORTING_UNIT.INACTIVE' },
};

/** Opening an account: the service generates its one-time password, handed to `onCreated` once. */
export function UserCreateForm({
  units,
  onCreated,
}: {
  units: ReportingUnit[];
  onCreated: (issued: IssuedPassword) => void;
}) {
  const queryClient = useQueryClient();
  const emailField = useRef<HTMLDivElement>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [unit, setUnit] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/users', {
          body: {
            email: email.trim(),
            role: role as Role,
            ...(role === 'focal_person' ? { reportingUnit: unit } : {}),
          },
        }),
      ),
    // the answer holds the one-time password: kept in no cache once this form lets go of it
    gcTime: 0,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      // the unit's count of focal persons
      void queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      if (created.oneTimePassword) {
        onCreated({
          email: created.email,
          password: created.oneTimePassword,
          reason: 'created',
          // ready for the next account
          returnFocus: () => emailField.current?.querySelector('input')?.focus(),
        });
      }
      create.reset();
      setEmail('');
      setRole('');
      setUnit('');
    },
  });
  const refused = refusal(create.error, CREATE_WORDS, USER_CODE_WORDS);
  const errors = { ...refused.fields, ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!EMAIL.test(email.trim())) problems.email = t('admin.users.emailInvalid');
    if (!role) problems.role = t('admin.users.roleRequired');
    if (role === 'focal_person' && !unit) problems.reportingUnit = t('admin.users.unitRequired');
    setChecked(problems);
    if (Object.keys(problems).length === 0) create.mutate();
    else create.reset();
  };

  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('admin.users.createTitle')}</h2>
      <p className="hint">{t('admin.users.createIntro')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <FormError message={refused.form} />
        <div ref={emailField}>
          <TextField
            label={t('admin.users.email')}
            type="email"
            autoComplete="off"
            required
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <SelectField
          label={t('admin.users.role')}
          required
          value={role}
          error={errors.role}
          onChange={(e) => setRole(e.target.value as Role | '')}
        >
          <option value="">{t('admin.users.chooseRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        {role === 'focal_person' && (
          <SelectField
            label={t('admin.users.reportingUnit')}
            hint={t('admin.users.unitHint')}
            required
            value={unit}
            error={errors.reportingUnit}
            onChange={(e) => setUnit(e.target.value)}
          >
            <option value="">{t('admin.users.chooseUnit')}</option>
            {units
              .filter((u) => u.active)
              .map((u) => (
                <option key={u.code} value={u.code}>
                  {unitLabel(u)}
                </option>
              ))}
          </SelectField>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? t('app.saving') : t('admin.users.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
