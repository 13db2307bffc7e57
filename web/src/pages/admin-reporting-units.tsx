import { useSearchParams } from 'react-router';
import { formatNumber, t } from '../i18n/i18n';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { agencyLabel, jurisdictionLabel } from './admin/labels';
import { Jurisdiction, ReportingUnit, useJurisdictions, useReportingUnits } from './admin/queries';
import { UnitCreateForm, UnitEditForm } from './admin/unit-forms';
import './admin/admin.css';
import './cases/cases.css';

/** The units that report cases, their jurisdictions and counts; adding one and editing each. */
export default function AdminReportingUnitsPage() {
  usePageTitle(t('units.title'));
  const units = useReportingUnits();
  const jurisdictions = useJurisdictions();
  const [params, setParams] = useSearchParams();
  const editing = params.get('unit');
  const edit = (code: string | null) =>
    setParams(
      (p) => {
        if (code) p.set('unit', code);
        else p.delete('unit');
        return p;
      },
      { replace: true },
    );
  const js: Jurisdiction[] = jurisdictions.data ?? [];

  return (
    <section>
      <h1>{t('units.title')}</h1>
      <p>
        {t('units.intro')} <a href="#add-unit-heading">{t('units.addTitle')}</a>
      </p>
      <QueryState query={units}>
        {() => {
          const list = units.data!;
          const selected = list.find((u) => u.code === editing);
          return (
            <>
              {selected && (
                <UnitEditForm
                  key={selected.code}
                  unit={selected}
                  jurisdictions={js}
                  onClose={() => {
                    edit(null);
                    // back to the row's button that opened the form
                    setTimeout(() => document.getElementById(`edit-${selected.code}`)?.focus());
                  }}
                />
              )}
              <p role="status">{list.length === 1 ? t('units.countOne') : t('units.count', { count: list.length })}</p>
              <UnitsTable units={list} jurisdictions={js} editing={editing} onEdit={edit} />
            </>
          );
        }}
      </QueryState>
      <UnitCreateForm jurisdictions={js} />
    </section>
  );
}

function UnitsTable({
  units,
  jurisdictions,
  editing,
  onEdit,
}: {
  units: ReportingUnit[];
  jurisdictions: Jurisdiction[];
  editing: string | null;
  onEdit: (code: string) => void;
}) {
  if (units.length === 0) return <p>{t('units.none')}</p>;
  const name = (code: string) => jurisdictionLabel(code, jurisdictions.find((j) => j.code === code)?.name);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('units.tableCaption')}>
      <table>
        <caption className="visually-hidden">{t('units.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('units.code')}</th>
            <th scope="col">{t('units.name')}</th>
            <th scope="col">{t('units.agency')}</th>
            <th scope="col">{t('units.jurisdictions')}</th>
            <th scope="col">{t('units.status')}</th>
            <th scope="col" className="number">
              {t('units.cases')}
            </th>
            <th scope="col" className="number">
              {t('units.focalPersons')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('units.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code} aria-current={u.code === editing ? 'true' : undefined}>
              <td className="nowrap">
                <code>{u.code}</code>
              </td>
              <td>{u.name}</td>
              <td>{agencyLabel(u.agency)}</td>
              <td>{u.jurisdictions.map(name).join(', ')}</td>
              <td>
                <span className={u.active ? 'tag' : 'tag tag-off'}>
                  {u.active ? t('units.active') : t('units.inactive')}
                </span>
              </td>
              <td className="number">{formatNumber(u.cases)}</td>
              <td className="number">{formatNumber(u.focalPersons)}</td>
              <td>
                <button
                  id={`edit-${u.code}`}
                  type="button"
                  className="link-button"
                  aria-label={t('units.editUnit', { name: u.name })}
                  onClick={() => onEdit(u.code)}
                >
                  {t('units.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
