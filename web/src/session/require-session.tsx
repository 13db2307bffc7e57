import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { t } from '../i18n/i18n';
import { Role, useMe } from './session';
import { NotFoundPage } from '../pages/not-found';

/**
 * Shows `children` to a signed-in user of one of `roles`; sends everyone else to sign-in
 * (and back here after), or to set their own password first. A role without access sees
 * "not found", as the service answers for another jurisdiction's case.
 */
export function RequireSession({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  if (me.isPending)
    return (
      <p role="status" className="loading">
        {t('app.loading')}
      </p>
    );
  if (me.isError || !me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
  if (me.data.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to={`/password?next=${encodeURIComponent(here)}`} replace />;
  }
  if (roles && !roles.includes(me.data.role)) return <NotFoundPage />;
  return <>{children}</>;
}
