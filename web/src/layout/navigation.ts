import type { MessageKey } from '../i18n/i18n';
import type { Role } from '../session/session';

export interface NavItem {
  to: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** The main navigation; each page checks the role again, and the service checks every request. */
export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'nav.home', roles: ['admin', 'analyst', 'focal_person'] },
  { to: '/dashboard', label: 'nav.dashboard', roles: ['admin', 'analyst', 'focal_person'] },
  { to: '/upload', label: 'nav.upload', roles: ['admin', 'focal_person'] },
  { to: '/imports', label: 'nav.imports', roles: ['admin', 'analyst', 'focal_person'] },
  { to: '/cases', label: 'nav.cases', roles: ['admin', 'analyst', 'focal_person'] },
  { to: '/submissions', label: 'nav.submissions', roles: ['focal_person'] },
  { to: '/submissions/completeness', label: 'nav.completeness', roles: ['admin', 'analyst'] },
  { to: '/workbooks', label: 'nav.workbooks', roles: ['admin', 'analyst', 'viewer'] },
  { to: '/international', label: 'nav.international', roles: ['admin', 'analyst'] },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/reporting-units', label: 'nav.reportingUnits', roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { to: '/admin/districts', label: 'nav.districts', roles: ['admin'] },
];

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.includes(role));
}
