import { t } from '../../i18n/i18n';

/** What a workbook holds, in plain words: its sheets and the marks that stand for small numbers. */
export function WorkbookContents({ staff }: { staff: boolean }) {
  return (
    <section className="workbook-contents" aria-labelledby="workbook-contents-title">
      <h2 id="workbook-contents-title">{t('workbooks.contents.title')}</h2>
      <p>{t('workbooks.contents.intro')}</p>
      <ul>
        <li>{t('workbooks.contents.cover')}</li>
        <li>{t('workbooks.contents.summary')}</li>
        <li>{t('workbooks.contents.status')}</li>
        <li>{t('workbooks.contents.people')}</li>
        <li>{t('workbooks.contents.forms')}</li>
        <li>{t('workbooks.contents.routes')}</li>
        <li>{t('workbooks.contents.trends')}</li>
      </ul>
      {staff && <p>{t('workbooks.contents.internal')}</p>}
      <h3>{t('workbooks.contents.marksTitle')}</h3>
      <p>{t('workbooks.contents.marksIntro')}</p>
      <dl className="details workbook-marks">
        <dt>{t('workbooks.contents.markSmallSign')}</dt>
        <dd>{t('workbooks.contents.markSmall')}</dd>
        <dt>{t('workbooks.contents.markHiddenSign')}</dt>
        <dd>{t('workbooks.contents.markHidden')}</dd>
        <dt>{t('workbooks.contents.markWithheldSign')}</dt>
        <dd>{t('workbooks.contents.markWithheld')}</dd>
        <dt>{t('workbooks.contents.markZeroSign')}</dt>
        <dd>{t('workbooks.contents.markZero')}</dd>
      </dl>
    </section>
  );
}
