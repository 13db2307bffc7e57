import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, call, Schemas } from '../../api/client';
import { formatDate, t } from '../../i18n/i18n';
import type { Role } from '../../session/session';
import { FormError, Notice, SelectField } from '../../ui/field';
import { roleLabel, ROLES, unitLabel } from './labels';
import type { IssuedPassword } from './one-time-password';
import { ReportingUnit, UNITS_KEY, User, USERS_KEY } from './queries';
import { refusal } from './refusal';
import { ROLE_FIELD_WORDS, USER_CODE_WORDS } from './user-create-form';

type Change = Schemas['UpdateUserDto'];

/** One account: its role and jurisdiction, disabling and enabling it, and a password reset. */
export function UserManage({
  user,
  units,
  onIssued,
  onClose,
}: {
  user: User;
  units: ReportingUnit[];
  onIssued: (issued: IssuedPassword) => void;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="manage-user-heading">
      <h2 id="manage-user-heading" ref={heading} tabIndex={-1}>
        {t('admin.manage.title', { email: user.email })}
      </h2>
      <dl className="details">
        <dt>{t('admin.users.status')}</dt>
        <dd>{user.disabled ? t('admin.users.disabled') : t('admin.users.active')}</dd>
        <dt>{t('admin.users.password')}</dt>
        <dd>{user.mustChangePassword ? t('admin.users.mustChange') : t('admin.users.ownPassword')}</dd>
        <dt>{t('admin.users.lastSignIn')}</dt>
        <dd>{user.lastLoginAt ? formatDate(user.lastLoginAt) : t('admin.users.never')}</dd>
        <dt>{t('admin.users.created')}</dt>
        <dd>{formatDate(user.createdAt)}</dd>
      </dl>
      <RoleForm user={user} units={units} />
      <Access user={user} />
      <PasswordReset user={user} onIssued={onIssued} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('admin.manage.close')}
        </button>
      </div>
    </section>
  );
}

function useUserChange(user: User) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Change) =>
      call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: change })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
}

function RoleForm({ user, units }: { user: User; units: ReportingUnit[] }) {
  const [role, setRole] = useState<Role>(user.role);
  const [unit, setUnit] = useState(user.reportingUnit ?? '');
  const [missing, setMissing] = useState(false);
  const change = useUserChange(user);
  const refused = refusal(change.error, ROLE_FIELD_WORDS, USER_CODE_WORDS);
  const unitError = missing ? t('admin.users.unitRequired') : refused.fields.reportingUnit;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lacking = role === 'focal_person' && !unit;
    setMissing(lacking);
    if (lacking) return change.reset();
    change.mutate({ role, reportingUnit: role === 'focal_person' ? unit : null });
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form" aria-labelledby="role-heading">
      <h3 id="role-heading">{t('admin.manage.roleTitle')}</h3>
      <p className="hint">{t('admin.manage.roleIntro')}</p>
      <FormError message={refused.form} />
      <SelectField
        label={t('admin.users.role')}
        value={role}
        error={refused.fields.role}
        onChange={(e) => setRole(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </SelectField>
      {role === 'focal_person' && (
        <SelectField
          label={t('admin.users.reportingUnit')}
          value={unit}
          error={unitError}
          onChange={(e) => setUnit(e.target.value)}
        >
          <option value="">{t('admin.users.chooseUnit')}</option>
          {/* an inactive unit takes no one new, but the user's own stays in the list */}
          {units
            .filter((u) => u.active || u.code === user.reportingUnit)
            .map((u) => (
              <option key={u.code} value={u.code}>
                {unitLabel(u)}
              </option>
            ))}
        </SelectField>
      )}
      <Notice message={change.isSuccess ? t('admin.manage.roleSaved') : null} />
      <div className="actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t('app.saving') : t('admin.manage.saveRole')}
        </button>
      </div>
    </form>
  );
}

/** Disabling asks first (it signs the user out at once); enabling does not. */
function Access({ user }: { user: User }) {
  const [confirming, setConfirming] = useState(false);
  const change = useUserChange(user);
  const refused = refusal(change.error, {}, USER_CODE_WORDS);
  const set = (disabled: boolean) =>
    change.mutate({ disabled }, { onSuccess: () => setConfirming(false), onError: () => setConfirming(false) });
  return (
    <div className="admin-form" role="group" aria-labelledby="access-heading">
      <h3 id="access-heading">{t('admin.manage.accessTitle')}</h3>
      <FormError message={refused.form} />
      <Notice
        message={
          change.isSuccess
            ? change.variables.disabled
              ? t('admin.manage.disabledDone')
              : t('admin.manage.enabledDone')
            : null
        }
      />
      {user.disabled ? (
        <>
          <p>{t('admin.manage.isDisabled')}</p>
          <button type="button" disabled={change.isPending} onClick={() => set(false)}>
            {t('admin.manage.enable')}
          </button>
        </>
      ) : confirming ? (
        <Confirm
          question={t('admin.manage.disableConfirm', { email: user.email })}
          confirmLabel={t('admin.manage.disableYes')}
          pending={change.isPending}
          onConfirm={() => set(true)}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <>
          <p>{t('admin.manage.isActive')}</p>
          <button type="button" onClick={() => (change.reset(), setConfirming(true))}>
            {t('admin.manage.disable')}
          </button>
        </>
      )}
    </div>
  );
}

function PasswordReset({ user, onIssued }: { user: User; onIssued: (issued: IssuedPassword) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const reset = useMutation({
    mutationFn: () => call(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: user.id } } })),
    // the answer is the one-time password: handed on once and dropped from the mutation cache
    gcTime: 0,
    onSuccess: ({ oneTimePassword }) => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      setConfirming(false);
      reset.reset();
      onIssued({
        email: user.email,
        password: oneTimePassword,
        reason: 'reset',
        returnFocus: () => resetButton.current?.focus(),
      });
    },
  });
  const refused = refusal(reset.error, {}, USER_CODE_WORDS);
  return (
    <div className="admin-form" role="group" aria-labelledby="reset-heading">
      <h3 id="reset-heading">{t('admin.manage.resetTitle')}</h3>
      <FormError message={refused.form} />
      {confirming ? (
        <Confirm
          question={t('admin.manage.resetConfirm', { email: user.email })}
          confirmLabel={t('admin.manage.resetYes')}
          pending={reset.isPending}
          onConfirm={() => reset.mutate()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <>
          <p>{t('admin.manage.resetIntro')}</p>
          <button type="button" ref={resetButton} onClick={() => setConfirming(true)}>
            {t('admin.manage.reset')}
          </button>
        </>
      )}
    </div>
  );
}

/** A question asked in the page (not a browser dialog), focused so that it is read out first. */
function Confirm({
  question,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLParagraphElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="confirm">
      <p ref={first} tabIndex={-1}>
        {question}
      </p>
      <div className="actions">
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {pending ? t('app.saving') : confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </div>
  );
}
