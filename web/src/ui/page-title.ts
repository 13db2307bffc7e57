import { useEffect } from 'react';
import { t } from '../i18n/i18n';

/** Sets the browser tab's title to the page's heading. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
}
