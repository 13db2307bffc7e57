/** The analysts' dashboard: filters, Rule 42 figures and charts. */
export const dashboard = {
  'placeholder.dashboard': 'Not yet available.',
} as const;
