import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/i18n';
import { Notice, TextField } from '../../ui/field';

/** A one-time password the service answered once, kept only in the state of the page that asked for it. */
export interface IssuedPassword {
  email: string;
  password: string;
  /** A new account, or a reset of an existing one. */
  reason: 'created' | 'reset';
  /** Puts the keyboard back where the password was asked for, once the panel is closed. */
  returnFocus: () => void;
}

/**
 * Shows a one-time password this once, with a copy button. Closing it (or leaving the page)
 * forgets it: it is in no URL, no query cache and no storage.
 */
export function OneTimePasswordPanel({ issued, onClose }: { issued: IssuedPassword; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => heading.current?.focus(), [issued]);
  const close = () => {
    onClose();
    setTimeout(issued.returnFocus);
  };
  const copy = () => {
    navigator.clipboard.writeText(issued.password).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="panel otp-panel" aria-labelledby="otp-heading">
      <h2 id="otp-heading" ref={heading} tabIndex={-1}>
        {t('admin.otp.title', { email: issued.email })}
      </h2>
      <p>{issued.reason === 'created' ? t('admin.otp.created') : t('admin.otp.reset')}</p>
      <div className="otp-value">
        <TextField
          label={t('admin.otp.label')}
          readOnly
          value={issued.password}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          {t('admin.otp.copy')}
        </button>
      </div>
      <Notice message={copied === 'yes' ? t('admin.otp.copied') : null} />
      {copied === 'failed' && (
        <p className="warning" role="alert">
          {t('admin.otp.copyFailed')}
        </p>
      )}
      <p className="warning">
        <strong>{t('admin.otp.once')}</strong> {t('admin.otp.handOver')}
      </p>
      <button type="button" className="primary" onClick={close}>
        {t('admin.otp.close')}
      </button>
    </section>
  );
}
