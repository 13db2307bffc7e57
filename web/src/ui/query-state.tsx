import { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { NotFoundPage } from '../pages/not-found';

/**
 * What a page shows while its data loads or when it failed: "not found" for a 404 (another
 * jurisdiction's record looks exactly like a missing one), else the problem in words.
 */
export function QueryState({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  children: () => ReactNode;
}) {
  if (query.isPending)
    return (
      <p role="status" className="loading">
        {t('app.loading')}
      </p>
    );
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return (
      <div className="form-error" role="alert">
        <p>{problemText(query.error)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return <>{children()}</>;
}
