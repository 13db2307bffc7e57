/** Users, the audit log, districts and their aliases. */
export const admin = {
  'placeholder.admin': 'Not yet available.',
} as const;
