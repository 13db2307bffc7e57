import { useQuery } from '@tanstack/react-query';
import { Fragment, ReactNode } from 'react';
import { formatDate, t } from '../../i18n/i18n';
import { codeLabel, listLabels } from './labels';
import {
  CaseRecord,
  codeListsQuery,
  lawSectionsQuery,
  useCountryNames,
  useDistrictNames,
  useUnitNames,
} from './queries';

/** A case's own fields and its route, to read. */
export function CaseDetails({ caseRecord }: { caseRecord: CaseRecord }) {
  const codeLists = useQuery(codeListsQuery);
  const lawSections = useQuery(lawSectionsQuery);
  const districts = useDistrictNames([caseRecord.jurisdiction]);
  const countries = useCountryNames();
  const units = useUnitNames();
  const section = (code: string) => {
    const found = lawSections.data?.find((s) => s.code === code);
    return found ? t('cases.lawSection', { act: found.act, section: found.section, title: found.title }) : code;
  };
  const rows: Array<[string, ReactNode]> = [
    [t('cases.field.jurisdiction'), t(`jurisdiction.${caseRecord.jurisdiction}` as never)],
    [t('cases.field.district'), districts.get(caseRecord.district) ?? caseRecord.district],
    [t('cases.field.policeStation'), caseRecord.policeStation],
    [t('cases.field.reportingUnit'), units.get(caseRecord.reportingUnit) ?? caseRecord.reportingUnit],
    [t('cases.field.reportingAgency'), codeLabel('reportingAgency', caseRecord.reportingAgency)],
    [t('cases.field.firNumber'), caseRecord.firNumber],
    [t('cases.field.firYear'), String(caseRecord.firYear)],
    [t('cases.field.firDate'), formatDate(caseRecord.firDate)],
    [t('cases.field.offenceFamily'), codeLabel('offenceFamily', caseRecord.offenceFamily)],
    [
      t('cases.field.lawSections'),
      caseRecord.lawSections.length ? (
        <ul className="plain-list">
          {caseRecord.lawSections.map((code) => (
            <li key={code}>{section(code)}</li>
          ))}
        </ul>
      ) : (
        t('app.none')
      ),
    ],
    [t('cases.field.traffickingType'), codeLabel('traffickingType', caseRecord.traffickingType)],
    [t('cases.field.exploitationForms'), listLabels(codeLists.data?.exploitation_form, caseRecord.exploitationForms)],
    [t('cases.field.status'), codeLabel('status', caseRecord.status)],
    [t('cases.field.statusDate'), formatDate(caseRecord.statusDate)],
    [t('cases.field.investigationConcludedOn'), formatDate(caseRecord.investigationConcludedOn)],
    [
      t('cases.field.remarks'),
      caseRecord.remarks ? <span className="remarks">{caseRecord.remarks}</span> : t('app.none'),
    ],
  ];
  return (
    <>
      <dl className="details panel">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h3 id="case-route-heading">{t('cases.route.title')}</h3>
      {caseRecord.route.length === 0 ? (
        <p>{t('cases.route.none')}</p>
      ) : (
        <ol className="route" aria-labelledby="case-route-heading">
          {caseRecord.route.map((point, i) => (
            <li key={i}>
              <span className="route-kind">{codeLabel('routeKind', point.kind)}</span>
              <span>
                {[
                  countries.get(point.country) ?? point.country,
                  point.district && (districts.get(point.district) ?? point.district),
                  point.place,
                ]
                  .filter(Boolean)
                  .join(' — ')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
