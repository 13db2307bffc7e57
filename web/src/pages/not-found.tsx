import { Link } from 'react-router';
import { t } from '../i18n/i18n';
import { usePageTitle } from '../ui/page-title';

/** What a missing page, another jurisdiction's record and a page of another role all show. */
export function NotFoundPage() {
  usePageTitle(t('notFound.title'));
  return (
    <section className="narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
