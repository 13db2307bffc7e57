import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, t } from '../i18n/i18n';
import type { Role } from '../session/session';
import { SelectField, TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { roleLabel, ROLES } from './admin/labels';
import { IssuedPassword, OneTimePasswordPanel } from './admin/one-time-password';
import { ReportingUnit, User, useReportingUnits, useUsers } from './admin/queries';
import { UserCreateForm } from './admin/user-create-form';
import { UserManage } from './admin/user-manage';
import './admin/admin.css';

type StatusFilter = '' | 'active' | 'disabled' | 'mustChange';

function matches(user: User, search: string, role: Role | '', status: StatusFilter): boolean {
  if (search && !user.email.includes(search.trim().toLowerCase())) return false;
  if (role && user.role !== role) return false;
  if (status === 'active' && user.disabled) return false;
  if (status === 'disabled' && !user.disabled) return false;
  if (status === 'mustChange' && !user.mustChangePassword) return false;
  return true;
}

/** The accounts: who may sign in, with which role, and a one-time password for a new or forgotten one. */
export default function AdminUsersPage() {
  usePageTitle(t('admin.users.title'));
  const users = useUsers();
  const units = useReportingUnits();
  const [params, setParams] = useSearchParams();
  // a one-time password lives only here: gone when the panel is closed or the page is left
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<StatusFilter>('');

  const selectedId = params.get('user');
  const select = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('user', id);
        else p.delete('user');
        return p;
      },
      { replace: true },
    );

  return (
    <section>
      <h1>{t('admin.users.title')}</h1>
      <p>
        {t('admin.users.intro')} <a href="#create-user-heading">{t('admin.users.createTitle')}</a>
      </p>
      {issued && <OneTimePasswordPanel issued={issued} onClose={() => setIssued(null)} />}
      <QueryState query={users}>
        {() => {
          const all = users.data ?? [];
          const list = all.filter((u) => matches(u, search, role, status));
          const selected = all.find((u) => u.id === selectedId);
          const us: ReportingUnit[] = units.data ?? [];
          return (
            <>
              {selected && (
                <UserManage
                  key={selected.id}
                  user={selected}
                  units={us}
                  onIssued={setIssued}
                  onClose={() => {
                    select(null);
                    // back to the row's button that opened the panel
                    setTimeout(() => document.getElementById(`manage-${selected.id}`)?.focus());
                  }}
                />
              )}
              <form
                className="filters"
                role="search"
                aria-label={t('admin.users.filters')}
                onSubmit={(e) => e.preventDefault()}
              >
                <TextField
                  label={t('admin.users.search')}
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
                <SelectField
                  label={t('admin.users.role')}
                  value={role}
                  onChange={(e) => setRole(e.target.value as Role | '')}
                >
                  <option value="">{t('admin.users.anyRole')}</option>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={t('admin.users.status')}
                  value={status}
                  onChange={(e) => setStatus(e.target.value as StatusFilter)}
                >
                  <option value="">{t('admin.users.anyStatus')}</option>
                  <option value="active">{t('admin.users.active')}</option>
                  <option value="disabled">{t('admin.users.disabled')}</option>
                  <option value="mustChange">{t('admin.users.mustChange')}</option>
                </SelectField>
              </form>
              <p role="status">{t('admin.users.count', { shown: list.length, total: all.length })}</p>
              <UsersTable users={list} units={us} selectedId={selectedId} onSelect={select} />
            </>
          );
        }}
      </QueryState>
      <UserCreateForm units={units.data ?? []} onCreated={setIssued} />
    </section>
  );
}

function UsersTable({
  users,
  units,
  selectedId,
  onSelect,
}: {
  users: User[];
  units: ReportingUnit[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  if (users.length === 0) return <p>{t('admin.users.none')}</p>;
  // a unit the list does not hold (yet) by its code
  const name = (code: string | null) => (code ? (units.find((u) => u.code === code)?.name ?? code) : t('app.none'));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.users.tableCaption')}>
      <table>
        <caption className="visually-hidden">{t('admin.users.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.reportingUnit')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.password')}</th>
            <th scope="col">{t('admin.users.lastSignIn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} aria-current={u.id === selectedId ? 'true' : undefined}>
              <td>{u.email}</td>
              <td>{roleLabel(u.role)}</td>
              <td>{name(u.reportingUnit)}</td>
              <td>
                <span className={u.disabled ? 'tag tag-off' : 'tag'}>
                  {u.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                </span>
              </td>
              <td>{u.mustChangePassword ? t('admin.users.mustChange') : t('admin.users.ownPassword')}</td>
              <td>{u.lastLoginAt ? formatDate(u.lastLoginAt) : t('admin.users.never')}</td>
              <td>
                <button
                  id={`manage-${u.id}`}
                  type="button"
                  className="link-button"
                  aria-label={t('admin.users.manageUser', { email: u.email })}
                  onClick={() => onSelect(u.id)}
                >
                  {t('admin.users.manage')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
