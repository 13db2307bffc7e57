import { createHmac } from 'node:crypto';

/** The 13 digits of a CNIC written `XXXXX-XXXXXXX-X` or without dashes; null when malformed. */
export function normaliseCnic(raw: string): string | null {
  const trimmed = raw.trim();
  if (/^\d{13}$/.test(trimmed)) return trimmed;
  const m = /^(\d{5})-(\d{7})-(\d)$/.exec(trimmed);
  return m ? m[1] + m[2] + m[3] : null;
}

/** Keyed hash of a normalised CNIC: links a person across cases without storing the number. */
export function hashCnic(digits: string, secret: string): string {
  return createHmac('sha256', secret).update(digits).digest('hex');
}

/** Digits (of any script) joined by at most one dash, space or dot between each: how a CNIC is written by hand. */
const DIGIT_RUN = /(?<!\p{Nd}[\p{Pd}\u2212\p{Zs}.]?)\p{Nd}(?:[\p{Pd}\u2212\p{Zs}.]?\p{Nd})*/gu;
const DIGIT = /\p{Nd}/gu;

/**
 * Every CNIC in a text shown as `35202-*******-1`, enough for its owner to recognise it: a run
 * of 13 digits however grouped. A longer run may hold CNICs written together, so none of its
 * digits is shown.
 */
export function maskCnics(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.match(DIGIT)!;
    if (digits.length < 13) return run;
    if (digits.length > 13) return run.replace(DIGIT, '*');
    return `${digits.slice(0, 5).join('')}-*******-${digits[12]}`;
  });
}

/** A CNIC field shown masked: one CNIC as `35202-*******-1`, anything else with every digit hidden. */
export function maskCnicField(text: string): string {
  const masked = maskCnics(text.trim());
  return /^\p{Nd}{5}-\*{7}-\p{Nd}$/u.test(masked) ? masked : text.replace(DIGIT, '*');
}
