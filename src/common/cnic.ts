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
