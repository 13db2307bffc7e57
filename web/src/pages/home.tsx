import { Link } from 'react-router';
import { t } from '../i18n/i18n';
import { navigationFor } from '../layout/navigation';
import { useMe } from '../session/session';
import { usePageTitle } from '../ui/page-title';

/** The start page: what this role can do. */
export default function HomePage() {
  usePageTitle(t('home.title'));
  const me = useMe();
  const links = me.data ? navigationFor(me.data.role).filter((l) => l.to !== '/') : [];
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
