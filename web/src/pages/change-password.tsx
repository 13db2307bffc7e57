import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { fieldErrors, problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { ME_KEY, safeNext, useMe } from '../session/session';
import { FormError, TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';

/** Setting one's own password: required after a one-time password, open to everyone otherwise. */
export default function ChangePasswordPage() {
  usePageTitle(t('password.title'));
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const errors = fieldErrors(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword === confirm) change.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('password.title')}</h1>
      <p>{me.data?.mustChangePassword ? t('password.intro') : t('password.introVoluntary')}</p>
      <form onSubmit={submit} noValidate>
        <FormError message={change.isError && Object.keys(errors).length === 0 ? problemText(change.error) : null} />
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          error={errors.currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('password.rules')}
          value={newPassword}
          error={errors.newPassword}
          onChange={(e) => setNew(e.target.value)}
        />
        <TextField
          label={t('password.confirm')}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          error={mismatch ? t('password.mismatch') : undefined}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
