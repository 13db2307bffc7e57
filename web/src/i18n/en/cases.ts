/** The case list, a case and its forms. */
export const cases = {
  'placeholder.cases': 'Not yet available.',
} as const;
