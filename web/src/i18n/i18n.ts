import { en, MessageKey } from './en';

/**
 * The active language. A translation is another catalogue with the same keys (and `dir`
 * 'rtl' for Urdu); components only ever call t() and the formatters below.
 */
const locale = { tag: 'en', dir: 'ltr' as 'ltr' | 'rtl', messages: en as Record<MessageKey, string> };
/** Numbers as Pakistan writes them in English; dates day first, in Pakistan's time. */
const numberLocale = 'en-PK';
const TIME_ZONE = 'Asia/Karachi';

export type { MessageKey };

export function applyDocumentLanguage(): void {
  document.documentElement.lang = locale.tag;
  document.documentElement.dir = locale.dir;
}

/** The message for `key`, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = locale.messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? (typeof params[name] === 'number' ? formatNumber(params[name]) : params[name]) : whole,
  );
}

/** Whether the catalogue has a message for a key built at run time (such as a problem code). */
export function hasMessage(key: string): key is MessageKey {
  return key in locale.messages;
}

const numbers = new Intl.NumberFormat(numberLocale);
export function formatNumber(n: number): string {
  return numbers.format(n);
}

const dayFirst = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFirstTime = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});

/** A calendar date (`2024-03-05`) as `05 Mar 2024`; a timestamp with its time in Pakistan. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return t('app.none');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayFirst.format(new Date(`${value}T00:00:00Z`));
  return dayFirstTime.format(new Date(value));
}
