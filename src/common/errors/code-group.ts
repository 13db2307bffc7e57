const MEANINGS = new WeakMap<object, Readonly<Record<string, string>>>();

/** The codes of one module, each `PREFIX.NAME` (its type the literal, so a misspelt code does not compile). */
export type CodeGroup<P extends string, N extends string> = { readonly [K in N]: `${P}.${K}` };

/**
 * Declares a module's codes with what each means: `codeGroup('CASE', { DATE_ORDER: '…' }).DATE_ORDER`
 * is `'CASE.DATE_ORDER'`. The meanings are the README's table of codes and the OpenAPI
 * description (src/common/errors/problem-catalogue.ts).
 */
export function codeGroup<P extends string, N extends string>(prefix: P, meanings: Record<N, string>): CodeGroup<P, N> {
  const group = Object.freeze(
    Object.fromEntries(Object.keys(meanings).map((name) => [name, `${prefix}.${name}`])),
  ) as CodeGroup<P, N>;
  MEANINGS.set(group, meanings);
  return group;
}

/** Each code of a group with its meaning, in the order declared. */
export function meaningsOf<P extends string, N extends string>(
  group: CodeGroup<P, N>,
): Array<[code: `${P}.${N}`, meaning: string]> {
  const meanings = MEANINGS.get(group);
  if (!meanings) throw new Error('not a code group');
  return (Object.keys(group) as N[]).map((name) => [group[name], meanings[name]]);
}

export type CodeOf<G> = G[keyof G];
