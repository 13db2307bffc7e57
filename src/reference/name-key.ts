/**
 * The key people-typed names are matched on: Unicode-normalised, lower case, with every
 * space and punctuation mark dropped — so "D. I. Khan", "D.I.Khan" and "di khan" meet.
 */
export function nameKey(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
