import { lazy, ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './layout/app-shell';
import { t } from './i18n/i18n';
import { RequireSession } from './session/require-session';
import type { Role } from './session/session';
import { NotFoundPage } from './pages/not-found';
import { DASHBOARD_READERS, prefetchDashboard } from './pages/dashboard/prefetch';
import { queryClient } from './query-client';

// every page is its own chunk: a focal person's sign-in and upload load nothing of the others
const SignInPage = lazy(() => import('./pages/sign-in'));
const ChangePasswordPage = lazy(() => import('./pages/change-password'));
const HomePage = lazy(() => import('./pages/home'));
const UploadPage = lazy(() => import('./pages/upload'));
const ImportsPage = lazy(() => import('./pages/imports'));
const ImportPage = lazy(() => import('./pages/import-detail'));
const CasesPage = lazy(() => import('./pages/cases'));
const CasePage = lazy(() => import('./pages/case-detail'));
const DashboardPage = lazy(() => import('./pages/dashboard'));
const WorkbooksPage = lazy(() => import('./pages/workbooks'));
const UsersPage = lazy(() => import('./pages/admin-users'));
const AuditPage = lazy(() => import('./pages/admin-audit'));
const DistrictsPage = lazy(() => import('./pages/admin-districts'));
const ReportingUnitsPage = lazy(() => import('./pages/admin-reporting-units'));
const MySubmissionsPage = lazy(() => import('./pages/submissions'));
const CompletenessPage = lazy(() => import('./pages/submissions-completeness'));
const SubmissionPage = lazy(() => import('./pages/submission-detail'));
const NoticesPage = lazy(() => import('./pages/notices'));
const InternationalPage = lazy(() => import('./pages/international'));

const UPLOADERS = ['admin', 'focal_person'] as const;
const CASE_READERS = ['admin', 'analyst', 'focal_person'] as const;
const ADMINS = ['admin'] as const;
const WORKBOOK_READERS = ['admin', 'analyst', 'viewer'] as const;
const SUBMITTERS = ['focal_person'] as const;
const REVIEWERS = ['admin', 'analyst'] as const;

function page(element: ReactNode, roles?: readonly Role[]) {
  return (
    <RequireSession roles={roles}>
      <Suspense
        fallback={
          <p role="status" className="loading">
            {t('app.loading')}
          </p>
        }
      >
        {element}
      </Suspense>
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
          <Suspense
            fallback={
              <p role="status" className="loading">
                {t('app.loading')}
              </p>
            }
          >
            <SignInPage />
          </Suspense>
        ),
      },
      { path: '/password', element: page(<ChangePasswordPage />) },
      { path: '/', element: page(<HomePage />) },
      { path: '/upload', element: page(<UploadPage />, UPLOADERS) },
      { path: '/imports', element: page(<ImportsPage />, CASE_READERS) },
      { path: '/imports/:id', element: page(<ImportPage />, CASE_READERS) },
      { path: '/cases', element: page(<CasesPage />, CASE_READERS) },
      { path: '/cases/:id', element: page(<CasePage />, CASE_READERS) },
      {
        path: '/dashboard',
        // the statistics are requested while the page's code loads (the loader does not wait for them)
        loader: ({ request }) => {
          void prefetchDashboard(queryClient, new URL(request.url));
          return null;
        },
        shouldRevalidate: () => false,
        element: page(<DashboardPage />, DASHBOARD_READERS),
      },
      { path: '/workbooks', element: page(<WorkbooksPage />, WORKBOOK_READERS) },
      { path: '/submissions', element: page(<MySubmissionsPage />, SUBMITTERS) },
      { path: '/submissions/completeness', element: page(<CompletenessPage />, REVIEWERS) },
      { path: '/submissions/:id', element: page(<SubmissionPage />, REVIEWERS) },
      { path: '/notices', element: page(<NoticesPage />) },
      { path: '/international', element: page(<InternationalPage />, REVIEWERS) },
      { path: '/admin/users', element: page(<UsersPage />, ADMINS) },
      { path: '/admin/reporting-units', element: page(<ReportingUnitsPage />, ADMINS) },
      { path: '/admin/audit', element: page(<AuditPage />, ADMINS) },
      { path: '/admin/districts', element: page(<DistrictsPage />, ADMINS) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
