import { ReactNode, TextareaHTMLAttributes, useEffect, useId, useRef } from 'react';
import { t } from '../../i18n/i18n';

/** The hint and problem lines under a control, with the ids its aria-describedby names. */
function described(id: string, hint?: string, error?: string) {
  return {
    describedBy: [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
    lines: (
      <>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
      </>
    ),
  };
}

/** A labelled multi-line text box (remarks), like ui/field's TextField. */
export function TextAreaField({
  label,
  error,
  hint,
  ...area
}: { label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const { describedBy, lines } = described(id, hint, error);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} rows={4} {...area} />
      {lines}
    </div>
  );
}

/** A set of checkboxes for a list of codes (law sections, exploitation forms), grouped under its legend. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  options: ReadonlyArray<{ code: string; label: string }>;
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  const { describedBy, lines } = described(id, hint, error);
  const toggle = (code: string, on: boolean) =>
    onChange(
      on ? options.map((o) => o.code).filter((c) => c === code || value.includes(c)) : value.filter((c) => c !== code),
    );
  return (
    <fieldset className={`field checkbox-group${error ? ' has-error' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={o.code} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(o.code)}
              onChange={(e) => toggle(o.code, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {lines}
    </fieldset>
  );
}

/** One labelled checkbox (a yes/no field). */
export function CheckboxField({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const id = useId();
  const { describedBy, lines } = described(id, undefined, error);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      {lines}
    </div>
  );
}

/** The problems of a refused save that no field of the form shows, and the line that says nothing was saved. */
export function FormProblemsBanner({
  summary,
  others,
  children,
}: {
  summary: string | null;
  others: string[];
  /** What the user may do about it (reload a case changed meanwhile). */
  children?: ReactNode;
}) {
  if (!summary) return null;
  return (
    <div className="form-error" role="alert">
      <p>{summary}</p>
      {children}
      {others.length > 0 && (
        <ul>
          {others.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Save and cancel, at the foot of every form. */
export function FormActions({
  saving,
  onCancel,
  saveLabel,
}: {
  saving: boolean;
  onCancel: () => void;
  saveLabel?: string;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={saving}>
        {saving ? t('app.saving') : (saveLabel ?? t('app.save'))}
      </button>
      <button type="button" onClick={onCancel}>
        {t('app.cancel')}
      </button>
    </div>
  );
}

/** A form's frame: its heading, focused when it opens so keyboard and screen-reader users land in it. */
export function FormPanel({ title, children, onSubmit }: { title: string; children: ReactNode; onSubmit: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel case-form" aria-labelledby={id}>
      <h3 id={id} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </section>
  );
}
