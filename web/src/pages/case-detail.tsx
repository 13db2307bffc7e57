import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { Notice } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { NotFoundPage } from './not-found';
import { CaseDetails } from './cases/case-details';
import { CaseForm } from './cases/case-form';
import { DefendantsSection } from './cases/defendants';
import { HistorySection } from './cases/history';
import { ProsecutionsSection } from './cases/prosecutions';
import { canWrite, CaseRecord, caseQuery } from './cases/queries';
import { VictimsSection } from './cases/victims';
import './cases/cases.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One case: its details, route, people, prosecutions and status history; forms for those who may change it. */
export default function CasePage() {
  const { id = '' } = useParams();
  // an address that cannot be a case id is as missing as another jurisdiction's case
  if (!UUID.test(id)) return <NotFoundPage />;
  return <LoadedCase id={id} />;
}

function LoadedCase({ id }: { id: string }) {
  const record = useQuery(caseQuery(id));
  return <QueryState query={record}>{() => <CaseView caseRecord={record.data!} />}</QueryState>;
}

function CaseView({ caseRecord }: { caseRecord: CaseRecord }) {
  const fir = t('cases.firLabel', { number: caseRecord.firNumber, year: String(caseRecord.firYear) });
  usePageTitle(t('cases.case.title', { fir }));
  const me = useMe().data;
  const writer = canWrite(me, caseRecord);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <article className="case-page">
      <p className="back-link">
        <Link to="/cases">{t('cases.case.back')}</Link>
      </p>
      <h1>{t('cases.case.title', { fir })}</h1>
      <p className="case-subtitle">
        {caseRecord.policeStation} · {t(`jurisdiction.${caseRecord.jurisdiction}` as never)}
      </p>
      {!writer && <p className="hint">{t('cases.case.readOnly')}</p>}

      <section aria-labelledby="case-details-heading">
        <div className="section-head">
          <h2 id="case-details-heading">{t('cases.details.title')}</h2>
          {writer && !editing && (
            <button
              type="button"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('cases.details.edit')}
            </button>
          )}
        </div>
        {saved && <Notice message={t('cases.details.saved')} />}
        {editing ? (
          <CaseForm
            caseRecord={caseRecord}
            onDone={(didSave) => {
              setEditing(false);
              setSaved(didSave);
            }}
          />
        ) : (
          <CaseDetails caseRecord={caseRecord} />
        )}
      </section>

      <VictimsSection caseRecord={caseRecord} writer={writer} />
      <DefendantsSection caseRecord={caseRecord} writer={writer} />
      <ProsecutionsSection caseRecord={caseRecord} writer={writer} />
      <HistorySection caseRecord={caseRecord} />
    </article>
  );
}
