import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChangeEvent, DragEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { problemText } from '../api/problems';
import { hasMessage, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { importQuery } from './imports/import-queries';
import { CountsTable, ImportProgress, ReportLink, ResultSummary } from './imports/import-result';
import { fileSizeText } from './imports/import-words';
import { ProblemTable } from './imports/problem-table';
import { sendUpload } from './imports/upload-request';
import './imports/imports.css';

/** Check first (nothing written), then save the same file. */
type Mode = 'check' | 'save';

type Step =
  | { kind: 'idle' }
  | { kind: 'sending'; mode: Mode; loaded: number; total: number; waiting: boolean }
  | { kind: 'following'; mode: Mode; id: string }
  | { kind: 'refused'; message: string };

/** Another upload of the province holds its lock for as long as it runs: asked again this often, this many times. */
const BUSY_WAIT_MS = 1500;
const BUSY_TRIES = 8;

const REFUSALS = new Set(['IMPORT.BUSY', 'COMMON.PAYLOAD_TOO_LARGE', 'IMPORT.FILE_REQUIRED', 'IMPORT.ZIP_LIMITS']);

/** Why the service would not take the file, in words (it was not checked, and nothing was written). */
function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return problemText(error);
  if (error.status === 0) return t('imports.refused.network');
  if (error.code === 'IMPORT.UNSUPPORTED_TYPE') {
    const key = `imports.refused.format.${(error.problem as { format?: string } | null)?.format ?? 'unknown'}`;
    if (hasMessage(key)) return t(key);
  }
  if (error.status === 413) return t('imports.refused.COMMON.PAYLOAD_TOO_LARGE');
  const key = `imports.refused.${error.code ?? ''}`;
  if (error.code && REFUSALS.has(error.code) && hasMessage(key)) return t(key);
  return t('imports.refused.other', { reason: problemText(error) });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A focal person's upload: the template, then a file chosen or dropped is checked at once
 * (a dry run, followed while it runs); a clean check of that same file can then be saved.
 */
export default function UploadPage() {
  usePageTitle(t('imports.upload.title'));
  const me = useMe();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const attempt = useRef<AbortController | null>(null);
  const sendingId = useId();

  useEffect(() => () => attempt.current?.abort(), []);

  const followedId = step.kind === 'following' ? step.id : '';
  const followed = useQuery({ ...importQuery(followedId), enabled: followedId !== '' });

  const send = async (chosen: File, mode: Mode) => {
    attempt.current?.abort();
    const controller = new AbortController();
    attempt.current = controller;
    setStep({ kind: 'sending', mode, loaded: 0, total: chosen.size, waiting: false });
    for (let tries = 1; ; tries++) {
      try {
        const recorded = await sendUpload(chosen, {
          dryRun: mode === 'check',
          signal: controller.signal,
          onProgress: (loaded, total) => {
            if (!controller.signal.aborted)
              setStep((now) => (now.kind === 'sending' ? { ...now, loaded, total } : now));
          },
        });
        if (controller.signal.aborted) return;
        queryClient.setQueryData(importQuery(recorded.id).queryKey, recorded);
        setStep({ kind: 'following', mode, id: recorded.id });
        return;
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.code === 'IMPORT.BUSY' && tries < BUSY_TRIES) {
          setStep({ kind: 'sending', mode, loaded: 0, total: chosen.size, waiting: true });
          await wait(BUSY_WAIT_MS);
          if (controller.signal.aborted) return;
          continue;
        }
        setStep({ kind: 'refused', message: refusalText(error) });
        return;
      }
    }
  };

  // a new file withdraws whatever was offered for the one before
  const choose = (chosen: File) => {
    setFile(chosen);
    void send(chosen, 'check');
  };
  const onInput = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // emptied, so that choosing the same (corrected) file again is noticed
    event.target.value = '';
    if (chosen) choose(chosen);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };
  const reset = () => {
    attempt.current?.abort();
    setFile(null);
    setStep({ kind: 'idle' });
  };

  const result = step.kind === 'following' ? followed.data : undefined;
  const percent = step.kind === 'sending' && step.total > 0 ? Math.round((step.loaded / step.total) * 100) : 0;

  return (
    <section className="imports-area upload-page">
      <h1>{t('imports.upload.title')}</h1>
      <p>{t('imports.upload.intro')}</p>
      <p className="upload-template">
        <a href="/api/v1/imports/template" download>
          {t('imports.upload.template')}
        </a>
        <span className="hint">{t('imports.upload.templateHint')}</span>
      </p>

      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <TextField
          label={t('imports.upload.chooseFile')}
          type="file"
          hint={t('imports.upload.fileHint')}
          onChange={onInput}
        />
        <p className="drop-words">{t(dragging ? 'imports.upload.dropNow' : 'imports.upload.dropHere')}</p>
      </div>

      {file && step.kind !== 'idle' && (
        <p className="chosen-file">{t('imports.upload.chosen', { name: file.name, size: fileSizeText(file.size) })}</p>
      )}

      {step.kind === 'sending' && (
        <div className="import-progress">
          <p id={sendingId} aria-live="polite">
            {step.waiting ? t('imports.upload.busyWaiting') : t('imports.upload.sendingPercent', { percent })}
          </p>
          <progress aria-labelledby={sendingId} max={step.total || 1} value={step.waiting ? undefined : step.loaded} />
        </div>
      )}

      {step.kind === 'refused' && (
        <div className="form-error" role="alert">
          {step.message}
        </div>
      )}

      {step.kind === 'following' && followed.isError && (
        <div className="form-error" role="alert">
          {problemText(followed.error)}
        </div>
      )}

      {step.kind === 'following' && result && (
        <div className="import-outcome">
          {result.status === 'processing' ? (
            <ImportProgress
              result={result}
              title={t(step.mode === 'check' ? 'imports.upload.checking' : 'imports.upload.saving')}
            />
          ) : (
            <ResultSummary result={result} />
          )}
          {result.counts && <CountsTable counts={result.counts} dryRun={result.dryRun} />}
          {result.status === 'validated' && step.mode === 'check' && file && (
            <div className="panel commit-offer">
              <p>{t('imports.upload.commitHint')}</p>
              <button type="button" className="primary" onClick={() => void send(file, 'save')}>
                {t('imports.upload.commit')}
              </button>
            </div>
          )}
          {result.status === 'committed' && (
            <ul className="actions link-list">
              <li>
                <Link to="/cases">{t('imports.upload.toCases')}</Link>
              </li>
              <li>
                <Link to="/imports">{t('imports.upload.toHistory')}</Link>
              </li>
              <li>
                <button type="button" className="link-button" onClick={reset}>
                  {t('imports.upload.another')}
                </button>
              </li>
            </ul>
          )}
          {result.status === 'rejected' && (
            <>
              <ReportLink result={result} role={me.data?.role} />
              <h2>{t('imports.problems.title')}</h2>
              <ProblemTable problems={result.errors} />
            </>
          )}
          {result.status !== 'processing' && (
            <p>
              <Link to={`/imports/${result.id}`}>{t('imports.upload.thisUpload')}</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
