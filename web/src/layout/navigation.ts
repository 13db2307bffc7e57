import type { MessageKey } from '../i18n/i18n';
import type { Role } from '../session/session';

export interface NavItem {
  to: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** The main navigation; each page checks the role again, and the service checks every request. */
export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'nav.home', roles: ['admin', 'analyst', 'focal_person', 'viewer'] },
];

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.includes(role));
}
