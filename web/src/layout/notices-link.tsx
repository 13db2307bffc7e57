import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { t } from '../i18n/i18n';
import { noticesQuery } from '../pages/notices/queries';

/** The header's way to the notices, with how many are unread (its name says the number too: `Notices, 2 unread`). */
export function NoticesLink() {
  const notices = useQuery(noticesQuery());
  const unread = (notices.data ?? []).filter((n) => !n.readAt).length;
  return (
    <NavLink to="/notices" className="notices-link">
      {t('notices.link')}
      {unread > 0 && (
        <>
          <span className="visually-hidden">{t('notices.unreadCount', { count: unread })}</span>
          <span className="badge" aria-hidden="true">
            {unread}
          </span>
        </>
      )}
    </NavLink>
  );
}
