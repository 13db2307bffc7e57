/** Uploading workbooks and the import history. */
export const imports = {
  'placeholder.imports': 'Not yet available.',
} as const;
