/** The monthly workbooks for ministries. */
export const workbooks = {
  'placeholder.workbooks': 'Not yet available.',
} as const;
