import { hasMessage, t } from '../../i18n/i18n';
import type { Role } from '../../session/session';

export const ROLES: readonly Role[] = ['admin', 'analyst', 'focal_person', 'viewer'];

export function roleLabel(role: Role): string {
  return t(`role.${role}`);
}

/** A jurisdiction's name from the catalogue, else as the service names it, else its code. */
export function jurisdictionLabel(code: string | null | undefined, serviceName?: string): string {
  if (!code) return t('app.none');
  const key = `jurisdiction.${code}`;
  return hasMessage(key) ? t(key) : (serviceName ?? code);
}

export const AGENCIES = ['police', 'fia', 'other'] as const;
export type Agency = (typeof AGENCIES)[number];

/** An agency in words; one the catalogue does not know yet, as the service names it. */
export function agencyLabel(agency: string): string {
  const key = `agency.${agency}`;
  return hasMessage(key) ? t(key) : agency;
}

/** A unit as a select offers it: its name and, when it is not the police, its agency. */
export function unitLabel(unit: { name: string; agency: string }): string {
  return unit.agency === 'police' ? unit.name : `${unit.name} (${agencyLabel(unit.agency)})`;
}

/** The audit actions a filter offers, in the order the list shows them. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.password_change',
  'auth.password_change_failed',
  'user.create',
  'user.update',
  'user.password_reset',
  'district.create',
  'district.alias_add',
  'reporting_unit.create',
  'reporting_unit.update',
  'case.create',
  'case.update',
  'case.delete',
  'victim.create',
  'victim.update',
  'victim.delete',
  'defendant.create',
  'defendant.update',
  'defendant.delete',
  'prosecution.create',
  'prosecution.update',
  'prosecution.delete',
  'conviction.create',
  'conviction.update',
  'conviction.delete',
  'import.validated',
  'import.committed',
  'import.rejected',
  'import.template_download',
  'import.report_download',
  'export.generate',
  'export.download',
  'export.cases',
  'export.htcds',
] as const;

export const AUDIT_ENTITIES = [
  'user',
  'district',
  'reporting_unit',
  'case',
  'victim',
  'defendant',
  'prosecution',
  'import',
  'monthly_export',
  'case_export',
  'htcds_export',
] as const;

/** An action in words; one the catalogue does not know yet, as the service names it. */
export function actionLabel(action: string): string {
  const key = `admin.audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

export function entityLabel(entity: string | null): string {
  if (!entity) return t('app.none');
  const key = `admin.audit.entity.${entity}`;
  return hasMessage(key) ? t(key) : entity;
}
