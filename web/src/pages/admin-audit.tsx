import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { formatDate, t } from '../i18n/i18n';
import { SelectField, TextField } from '../ui/field';
import { Pagination } from '../ui/pagination';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { actionLabel, AUDIT_ACTIONS, AUDIT_ENTITIES, entityLabel, jurisdictionLabel } from './admin/labels';
import { AuditEvent, User, useUsers } from './admin/queries';
import './admin/admin.css';

const PAGE_SIZE = 50;
const EARLIEST = '1900-01-01';
const LATEST = '2100-12-31';
/** The calendar the records are kept in; a day of the filter is a day in Pakistan. */
const PAKISTAN = '+05:00';

interface Filters {
  actor: string;
  action: string;
  entity: string;
  from: string;
  to: string;
}
const FILTER_NAMES = ['actor', 'action', 'entity', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(params: URLSearchParams): Filters {
  const get = (name: string) => params.get(name) ?? '';
  return { actor: get('actor'), action: get('action'), entity: get('entity'), from: get('from'), to: get('to') };
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The service's query: `to` is exclusive there, and the last day chosen here is included. */
function auditQuery(f: Filters, page: number) {
  const uuid = /^[0-9a-f-]{36}$/i;
  return {
    page,
    pageSize: PAGE_SIZE,
    ...(uuid.test(f.actor) ? { actorId: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(DAY.test(f.from) ? { from: `${f.from}T00:00:00${PAKISTAN}` } : {}),
    ...(DAY.test(f.to) && f.to < LATEST ? { to: `${dayAfter(f.to)}T00:00:00${PAKISTAN}` } : {}),
  };
}

/** Who did what and when: the audit trail, newest first, filtered by the query string. */
export default function AdminAuditPage() {
  usePageTitle(t('admin.audit.title'));
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const page = Math.max(1, Math.min(10_000, Number(params.get('page')) || 1));
  const users = useUsers();
  const events = useQuery({
    queryKey: ['admin', 'audit', applied, page],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: auditQuery(applied, page) } })),
    placeholderData: keepPreviousData,
  });

  const apply = (filters: Filters) =>
    setParams(() => {
      const next = new URLSearchParams();
      for (const name of FILTER_NAMES) if (filters[name]) next.set(name, filters[name]);
      return next;
    });
  const goTo = (p: number) =>
    setParams((current) => {
      current.set('page', String(p));
      return current;
    });

  return (
    <section>
      <h1>{t('admin.audit.title')}</h1>
      <p>{t('admin.audit.intro')}</p>
      <AuditFilters key={params.toString()} applied={applied} users={users.data ?? []} onApply={apply} />
      <QueryState query={events}>
        {() => {
          const data = events.data!;
          return (
            <>
              <p role="status">
                {data.total === 1 ? t('admin.audit.countOne') : t('admin.audit.count', { total: data.total })}
              </p>
              {data.items.length === 0 ? (
                <p>{t('admin.audit.none')}</p>
              ) : (
                <AuditTable events={data.items} users={users.data ?? []} />
              )}
              <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={goTo} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function AuditFilters({
  applied,
  users,
  onApply,
}: {
  applied: Filters;
  users: User[];
  onApply: (filters: Filters) => void;
}) {
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const set = (name: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<keyof Filters, string>> = {};
    for (const name of ['from', 'to'] as const) {
      const day = draft[name];
      if (day && (!DAY.test(day) || day < EARLIEST || day > LATEST)) problems[name] = t('admin.audit.dateInvalid');
    }
    if (!problems.from && !problems.to && draft.from && draft.to && draft.to < draft.from) {
      problems.to = t('admin.audit.dateOrder');
    }
    setErrors(problems);
    if (Object.keys(problems).length === 0) onApply(draft);
  };
  const actions: string[] = [...AUDIT_ACTIONS];
  if (applied.action && !actions.includes(applied.action)) actions.push(applied.action);
  return (
    <form className="filters panel" role="search" aria-label={t('admin.audit.filters')} onSubmit={submit} noValidate>
      <SelectField label={t('admin.audit.user')} value={draft.actor} onChange={set('actor')}>
        <option value="">{t('admin.audit.anyUser')}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.email}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.audit.action')} value={draft.action} onChange={set('action')}>
        <option value="">{t('admin.audit.anyAction')}</option>
        {actions.map((a) => (
          <option key={a} value={a}>
            {actionLabel(a)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.audit.entity')} value={draft.entity} onChange={set('entity')}>
        <option value="">{t('admin.audit.anyEntity')}</option>
        {AUDIT_ENTITIES.map((e) => (
          <option key={e} value={e}>
            {entityLabel(e)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('admin.audit.from')}
        type="date"
        min={EARLIEST}
        max={LATEST}
        value={draft.from}
        error={errors.from}
        onChange={set('from')}
      />
      <TextField
        label={t('admin.audit.to')}
        type="date"
        min={EARLIEST}
        max={LATEST}
        value={draft.to}
        error={errors.to}
        onChange={set('to')}
      />
      <div className="actions">
        <button type="submit" className="primary">
          {t('admin.audit.apply')}
        </button>
        <button type="button" onClick={() => onApply({ actor: '', action: '', entity: '', from: '', to: '' })}>
          {t('admin.audit.clear')}
        </button>
      </div>
    </form>
  );
}

/** A record the event concerns: a user by their e-mail, a case or an import as a link, else its id. */
function RecordCell({ event, users }: { event: AuditEvent; users: User[] }) {
  if (!event.entity) return <>{t('app.none')}</>;
  const id = event.entityId;
  const label = entityLabel(event.entity);
  if (!id) return <>{label}</>;
  if (event.entity === 'user') {
    const user = users.find((u) => u.id === id);
    return (
      <>
        {label}: {user ? user.email : <code>{id}</code>}
      </>
    );
  }
  if (event.entity === 'case' || event.entity === 'import') {
    return (
      <>
        {label}: <Link to={`/${event.entity === 'case' ? 'cases' : 'imports'}/${id}`}>{t('admin.audit.open')}</Link>
      </>
    );
  }
  return (
    <>
      {label}: <code>{id}</code>
    </>
  );
}

function detailText(detail: AuditEvent['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`,
    )
    .join('; ');
}

function AuditTable({ events, users }: { events: AuditEvent[]; users: User[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.audit.tableCaption')}>
      <table>
        <caption className="visually-hidden">{t('admin.audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.when')}</th>
            <th scope="col">{t('admin.audit.who')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.record')}</th>
            <th scope="col">{t('admin.audit.details')}</th>
            <th scope="col">{t('admin.audit.jurisdiction')}</th>
            <th scope="col">{t('admin.audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatDate(e.at)}</td>
              <td>{e.actorEmail ?? t('admin.audit.system')}</td>
              <td>{actionLabel(e.action)}</td>
              <td>
                <RecordCell event={e} users={users} />
              </td>
              <td>
                {e.changedFields.length > 0 && (
                  <div>{t('admin.audit.changed', { fields: e.changedFields.join(', ') })}</div>
                )}
                {e.detail && <div className="hint">{detailText(e.detail)}</div>}
              </td>
              <td>{e.jurisdiction ? jurisdictionLabel(e.jurisdiction) : t('app.none')}</td>
              <td>{e.ip ?? t('app.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
