import { Link, Navigate } from 'react-router';
import { t } from '../i18n/i18n';
import { navigationFor } from '../layout/navigation';
import { useMe } from '../session/session';
import { usePageTitle } from '../ui/page-title';

/** The start page: what this role can do. */
export default function HomePage() {
  usePageTitle(t('home.title'));
  const me = useMe();
  const links = me.data ? navigationFor(me.data.role).filter((l) => l.to !== '/') : [];
  // a ministry viewer has one page: the monthly workbooks
  if (me.data?.role === 'viewer') return <Navigate to="/workbooks" replace />;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <ul className="tiles">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{t(link.label)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
