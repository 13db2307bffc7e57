import { lazy, ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './layout/app-shell';
import { t } from './i18n/i18n';
import { RequireSession } from './session/require-session';
import type { Role } from './session/session';
import { NotFoundPage } from './pages/not-found';

// every page is its own chunk: a focal person's sign-in and upload load nothing of the others
const SignInPage = lazy(() => import('./pages/sign-in'));
const HomePage = lazy(() => import('./pages/home'));

function page(element: ReactNode, roles?: readonly Role[]) {
  return (
    <RequireSession roles={roles}>
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{element}</Suspense>
    </RequireSession>
  );
}

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      {
        path: '/sign-in',
        element: (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <SignInPage />
          </Suspense>
        ),
      },
      { path: '/', element: page(<HomePage />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
