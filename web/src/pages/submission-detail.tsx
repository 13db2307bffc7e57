import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { problemText } from '../api/problems';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { FormError, Notice } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { TextAreaField } from './cases/fields';
import { ChecksList, StatusMark } from './submissions/checks-list';
import {
  completenessQuery,
  review,
  ReviewAction,
  SubmissionDetail,
  submissionQuery,
  SUBMISSIONS_KEY,
} from './submissions/queries';
import { metricText, monthText, statusText, stepText } from './submissions/words';
import './submissions/submissions.css';

/** Analysts and administrators: one unit's month, its checks, figures and steps, and the review. */
export default function SubmissionDetailPage() {
  const { id = '' } = useParams();
  const submission = useQuery(submissionQuery(id));
  const s = submission.data;
  usePageTitle(
    s
      ? t('submissions.review.title', { unit: s.reportingUnit, month: monthText(s.month) })
      : t('submissions.review.heading'),
  );
  return (
    <section>
      <p>
        <Link to={s ? `/submissions/completeness?from=${s.month}&to=${s.month}` : '/submissions/completeness'}>
          {t('submissions.review.back')}
        </Link>
      </p>
      <QueryState query={submission}>{() => <Review submission={s!} />}</QueryState>
    </section>
  );
}

function Review({ submission: s }: { submission: SubmissionDetail }) {
  const me = useMe();
  const [done, setDone] = useState<ReviewAction | null>(null);
  // the unit's name, from the month's completeness (the submission names the unit by its code)
  const grid = useQuery(completenessQuery(s.month, s.month));
  const name = grid.data?.units.find((u) => u.reportingUnit === s.reportingUnit)?.name ?? s.reportingUnit;
  return (
    <>
      <h1>{t('submissions.review.title', { unit: name, month: monthText(s.month) })}</h1>
      <dl className="details panel">
        <dt>{t('submissions.review.unit')}</dt>
        <dd>
          {name} (<code>{s.reportingUnit}</code>)
        </dd>
        <dt>{t('submissions.review.month')}</dt>
        <dd>{monthText(s.month)}</dd>
        <dt>{t('submissions.review.status')}</dt>
        <dd data-testid="submission-status">
          <StatusMark status={s.status} late={false} nilReturn={false} text={statusText(s.status)} />
        </dd>
        <dt>{t('submissions.review.late')}</dt>
        <dd>
          {t(s.late ? 'submissions.review.lateYes' : 'submissions.review.lateNo', {
            submitted: formatDate(s.firstSubmittedAt),
            deadline: formatDate(s.deadline),
          })}
        </dd>
        <dt>{t('submissions.review.nilReturn')}</dt>
        <dd>{t(s.nilReturn ? 'submissions.review.yes' : 'submissions.review.no')}</dd>
        <dt>{t('submissions.review.note')}</dt>
        <dd>{s.note ?? t('app.none')}</dd>
        <dt>{t('submissions.review.comment')}</dt>
        <dd>{s.comment ?? t('app.none')}</dd>
      </dl>
      {done && <Notice message={t(`submissions.review.done.${done}`)} />}
      <Actions submission={s} admin={me.data?.role === 'admin'} onDone={setDone} />
      <ChecksList checks={s.checks} />
      <Figures submission={s} />
      <Steps submission={s} />
    </>
  );
}

function Actions({
  submission: s,
  admin,
  onDone,
}: {
  submission: SubmissionDetail;
  admin: boolean;
  onDone: (action: ReviewAction) => void;
}) {
  if (s.status === 'submitted')
    return (
      <section className="panel" aria-labelledby="review-title">
        <h2 id="review-title">{t('submissions.review.actions')}</h2>
        <div className="review-actions">
          <ActionForm
            id={s.id}
            action="approve"
            label={t('submissions.review.approveComment')}
            button={t('submissions.review.approve')}
            onDone={onDone}
          />
          <ActionForm
            id={s.id}
            action="return"
            label={t('submissions.review.returnComment')}
            hint={t('submissions.review.returnHint')}
            required={t('submissions.review.commentRequired')}
            button={t('submissions.review.return')}
            onDone={onDone}
          />
        </div>
      </section>
    );
  if (s.status === 'approved' && admin)
    return (
      <section className="panel" aria-labelledby="reopen-title">
        <h2 id="reopen-title">{t('submissions.review.reopenTitle')}</h2>
        <p>{t('submissions.review.reopenIntro')}</p>
        <ActionForm
          id={s.id}
          action="reopen"
          label={t('submissions.review.reopenReason')}
          required={t('submissions.review.reasonRequired')}
          button={t('submissions.review.reopen')}
          onDone={onDone}
        />
      </section>
    );
  return <p>{t('submissions.review.notWaiting')}</p>;
}

/** One review step's form: its text (a comment or a reason; required unless approving) and its button. */
function ActionForm({
  id,
  action,
  label,
  hint,
  required,
  button,
  onDone,
}: {
  id: string;
  action: ReviewAction;
  label: string;
  hint?: string;
  /** The words when the text is missing; absent when it is optional. */
  required?: string;
  button: string;
  onDone: (action: ReviewAction) => void;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const step = useMutation({
    mutationFn: () => review(id, action, text.trim()),
    onSuccess: async () => {
      onDone(action);
      await queryClient.invalidateQueries({ queryKey: SUBMISSIONS_KEY });
    },
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (step.isPending) return;
    const short = required !== undefined && text.trim().length < 3;
    setMissing(short);
    if (!short) step.mutate();
  };
  return (
    <form onSubmit={send} aria-busy={step.isPending} noValidate>
      <TextAreaField
        label={label}
        hint={hint}
        error={missing ? required : undefined}
        value={text}
        maxLength={2000}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <FormError message={step.error ? problemText(step.error) : null} />
      <div className="actions">
        <button
          type="submit"
          className={action === 'return' ? undefined : 'primary'}
          aria-disabled={step.isPending || undefined}
        >
          {button}
        </button>
      </div>
    </form>
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The month's figures against the 12 months before: a plain table with the month and the
 * median of the 12 before first (what a reviewer compares), then those months, newest first.
 */
function Figures({ submission: s }: { submission: SubmissionDetail }) {
  const before = (s.figures[0]?.months ?? [])
    .map((m) => m.month)
    .filter((m) => m !== s.month)
    .reverse();
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">{t('submissions.review.figures')}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="figures-title">
        <table className="completeness-grid">
          <caption className="visually-hidden">
            {t('submissions.review.figuresCaption', { unit: s.reportingUnit })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('submissions.review.colMetric')}</th>
              <th scope="col" className="number">
                {monthText(s.month)}
              </th>
              <th scope="col" className="number">
                {t('submissions.review.median')}
              </th>
              {before.map((m) => (
                <th scope="col" className="number" key={m}>
                  {monthText(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.figures.map((f) => {
              const value = new Map(f.months.map((m) => [m.month, m.value]));
              return (
                <tr key={f.metric}>
                  <th scope="row">{metricText(f.metric)}</th>
                  <td className="number">
                    <strong>{formatNumber(value.get(s.month) ?? 0)}</strong>
                  </td>
                  <td className="number">{formatNumber(median(before.map((m) => value.get(m) ?? 0)))}</td>
                  {before.map((m) => (
                    <td className="number" key={m}>
                      {formatNumber(value.get(m) ?? 0)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Steps({ submission: s }: { submission: SubmissionDetail }) {
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{t('submissions.review.steps')}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="steps-title">
        <table>
          <caption className="visually-hidden">{t('submissions.review.stepsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('submissions.review.colStep')}</th>
              <th scope="col">{t('submissions.review.colBy')}</th>
              <th scope="col">{t('submissions.review.colAt')}</th>
              <th scope="col">{t('submissions.review.colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {s.steps.map((step, i) => {
              const details = [
                step.warnings !== null ? t('submissions.step.warnings', { count: step.warnings }) : '',
                step.nilReturn ? t('submissions.step.nil') : '',
                step.late ? t('submissions.step.late') : '',
              ].filter(Boolean);
              return (
                <tr key={i}>
                  <th scope="row">
                    {stepText(step.action)}
                    {details.length > 0 && <span className="marks">{details.join(', ')}</span>}
                  </th>
                  <td>{step.by ?? t('app.none')}</td>
                  <td className="nowrap">{formatDate(step.at)}</td>
                  <td>{step.comment ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
