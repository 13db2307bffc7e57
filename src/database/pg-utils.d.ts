/** The pg driver's own serialisation of a query parameter (pg/lib/utils, exported by the package). */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
