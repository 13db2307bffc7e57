import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { meQuery, safeNext } from '../session/session';
import { FormError, Notice, TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';

function signInProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === 'AUTH.INVALID_CREDENTIALS') return t('signIn.invalid');
  if (error instanceof ApiError && error.code === 'AUTH.LOGIN_THROTTLED') {
    const seconds = (error.problem as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? 60;
    return t('signIn.throttled', { seconds });
  }
  return problemText(error);
}

export default function SignInPage() {
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/login', { body: { email, password, session: 'cookie' } })),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.fetchQuery(meQuery);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const reason = params.get('reason');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <Notice
        message={reason === 'expired' ? t('signIn.expired') : reason === 'signed-out' ? t('signIn.signedOut') : null}
      />
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate>
        <FormError message={signIn.isError ? signInProblem(signIn.error) : null} />
        <TextField
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
