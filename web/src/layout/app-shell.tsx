import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api, call, onSessionEnded } from '../api/client';
import { t } from '../i18n/i18n';
import { useAbout } from './about';
import { navigationFor } from './navigation';
import { NoticesLink } from './notices-link';
import { useMe } from '../session/session';

/** Every page's frame: the demonstration banner, the header with navigation, and the page. */
export function AppShell() {
  const me = useMe();
  const about = useAbout();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  // an expired or revoked session (any request may find out): to sign-in with a message, then back here
  useEffect(
    () =>
      onSessionEnded(() => {
        if (window.location.pathname === '/sign-in') return;
        const here = `${window.location.pathname}${window.location.search}`;
        void navigate(`/sign-in?reason=expired&next=${encodeURIComponent(here)}`, { replace: true });
        queryClient.removeQueries();
      }),
    [navigate, queryClient],
  );

  const signOut = async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } finally {
      queryClient.clear();
      void navigate('/sign-in?reason=signed-out', { replace: true });
    }
  };

  const user = me.data;
  const links = user && !user.mustChangePassword ? navigationFor(user.role) : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {about.data?.demo && (
        <div className="demo-banner" role="note">
          {t('app.demoBanner')}
        </div>
      )}
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-owner">{t('app.owner')}</span>
        </div>
        {user && (
          <nav aria-label={t('nav.label')} className="app-nav">
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.to === '/'}>
                    {t(link.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="account">
              <span className="account-name">
                {t('nav.signedInAs', { email: user.email })} · {t(`role.${user.role}`)}
                {/* a focal person's scope: their unit (the police of a province, an FIA zone) */}
                {user.reportingUnit ? ` · ${user.reportingUnit.name}` : ''}
              </span>
              {!user.mustChangePassword && <NoticesLink />}
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </div>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} key={location.pathname}>
        <Outlet />
      </main>
    </>
  );
}
