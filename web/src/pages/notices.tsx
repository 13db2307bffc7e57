import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { problemText } from '../api/problems';
import { formatDate, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { FormError } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { markRead, Notice, NOTICES_KEY, noticesQuery } from './notices/queries';
import './notices/notices.css';

/** The signed-in user's notices (such as a month due soon), unread first, each marked read on its own. */
export default function NoticesPage() {
  usePageTitle(t('notices.title'));
  const notices = useQuery(noticesQuery());
  return (
    <section>
      <h1>{t('notices.title')}</h1>
      <p>{t('notices.intro')}</p>
      <QueryState query={notices}>
        {() => {
          const list = notices.data ?? [];
          return list.length === 0 ? (
            <p>{t('notices.none')}</p>
          ) : (
            <ul className="notice-list" aria-label={t('notices.title')}>
              {list.map((notice) => (
                <NoticeItem key={notice.id} notice={notice} />
              ))}
            </ul>
          );
        }}
      </QueryState>
    </section>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const read = useMutation({
    mutationFn: () => markRead(notice.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTICES_KEY }),
  });
  const unread = !notice.readAt;
  return (
    <li className={unread ? 'notice-item unread' : 'notice-item'}>
      <p className="notice-state">
        {unread ? t('notices.unread') : t('notices.readOn', { date: formatDate(notice.readAt) })}
        {' · '}
        {t('notices.received', { date: formatDate(notice.createdAt) })}
      </p>
      <p className="notice-message">{notice.message}</p>
      <div className="notice-actions">
        {notice.kind === 'submission_due' && me.data?.role === 'focal_person' && (
          <Link to="/submissions">{t('notices.toSubmissions')}</Link>
        )}
        {unread && (
          <button type="button" disabled={read.isPending} onClick={() => read.mutate()}>
            {t('notices.markRead')}
          </button>
        )}
      </div>
      {read.isError && <FormError message={problemText(read.error)} />}
    </li>
  );
}
