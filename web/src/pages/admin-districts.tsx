import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, t } from '../i18n/i18n';
import { SelectField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { AliasForm, DistrictForm } from './admin/district-forms';
import { jurisdictionLabel } from './admin/labels';
import { District, useDistricts, useJurisdictions } from './admin/queries';
import './admin/admin.css';

/** A jurisdiction's districts with their P-codes, validity and other spellings; adding either. */
export default function AdminDistrictsPage() {
  usePageTitle(t('admin.districts.title'));
  const [params, setParams] = useSearchParams();
  const jurisdictions = useJurisdictions();
  const chosen = params.get('jurisdiction');
  const known = jurisdictions.data?.find((j) => j.code === chosen);
  const districts = useDistricts(known ? known.code : null);
  const [aliasFor, setAliasFor] = useState('');
  // each request to add a spelling to a row's district moves the focus to the spelling field
  const [focusRequest, setFocusRequest] = useState(0);

  const choose = (code: string) => {
    setAliasFor('');
    setParams(code ? { jurisdiction: code } : {}, { replace: true });
  };
  const addSpellingTo = (district: District) => {
    setAliasFor(district.code);
    setFocusRequest((n) => n + 1);
  };

  return (
    <section>
      <h1>{t('admin.districts.title')}</h1>
      <p>{t('admin.districts.intro')}</p>
      <QueryState query={jurisdictions}>
        {() => (
          <div className="filters">
            <SelectField
              label={t('admin.districts.jurisdiction')}
              value={known?.code ?? ''}
              onChange={(e) => choose(e.target.value)}
            >
              <option value="">{t('admin.districts.chooseJurisdiction')}</option>
              {jurisdictions.data!.map((j) => (
                <option key={j.code} value={j.code}>
                  {jurisdictionLabel(j.code, j.name)}
                </option>
              ))}
            </SelectField>
          </div>
        )}
      </QueryState>
      {!known ? (
        <p>{t('admin.districts.choosePrompt')}</p>
      ) : (
        <QueryState query={districts}>
          {() => {
            const list = districts.data!;
            const name = jurisdictionLabel(known.code, known.name);
            return (
              <>
                <h2>{t('admin.districts.listTitle', { jurisdiction: name })}</h2>
                <p role="status">
                  {list.length === 1
                    ? t('admin.districts.countOne')
                    : t('admin.districts.count', { count: list.length })}
                </p>
                <DistrictsTable districts={list} jurisdiction={name} onAddSpelling={addSpellingTo} />
                <div className="admin-columns">
                  <AliasForm
                    districts={list}
                    jurisdiction={known.code}
                    district={aliasFor}
                    onDistrict={setAliasFor}
                    focusRequest={focusRequest}
                  />
                  <DistrictForm jurisdiction={known.code} jurisdictionName={name} />
                </div>
              </>
            );
          }}
        </QueryState>
      )}
    </section>
  );
}

function DistrictsTable({
  districts,
  jurisdiction,
  onAddSpelling,
}: {
  districts: District[];
  jurisdiction: string;
  onAddSpelling: (d: District) => void;
}) {
  if (districts.length === 0) return <p>{t('admin.districts.none')}</p>;
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={t('admin.districts.listTitle', { jurisdiction })}
    >
      <table>
        <caption className="visually-hidden">{t('admin.districts.listTitle', { jurisdiction })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.districts.name')}</th>
            <th scope="col">{t('admin.districts.code')}</th>
            <th scope="col">{t('admin.districts.validFrom')}</th>
            <th scope="col">{t('admin.districts.validTo')}</th>
            <th scope="col">{t('admin.districts.aliases')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.districts.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => (
            <tr key={d.code}>
              <td>{d.name}</td>
              <td>
                <code>{d.code}</code>
              </td>
              <td className="nowrap">{d.validFrom ? formatDate(d.validFrom) : t('app.none')}</td>
              <td className="nowrap">{d.validTo ? formatDate(d.validTo) : t('app.none')}</td>
              <td>{d.aliases.length ? d.aliases.join(', ') : t('app.none')}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('admin.districts.addSpellingTo', { name: d.name })}
                  onClick={() => onAddSpelling(d)}
                >
                  {t('admin.districts.addSpelling')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
