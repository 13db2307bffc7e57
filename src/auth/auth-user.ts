import { ReportingAgency } from 'src/reference/code-lists';
import { Role } from 'src/users/user.entity';

/** A focal person's reporting unit as it is in the database at the request. */
export interface UnitScope {
  readonly code: string;
  readonly name: string;
  readonly agency: ReportingAgency;
  /** The jurisdictions the unit registers cases in (ISO 3166-2), sorted. */
  readonly jurisdictions: readonly string[];
}

/** The caller, as loaded from the database for every request (never from the request body). */
export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  /** Set for focal persons only: the one reporting unit whose cases they may read and write. */
  readonly reportingUnit: UnitScope | null;
}

/** The caller of a request, as the token's user is in the database at that moment. */
export interface SignedInUser extends AuthUser {
  /** An admin set the password: every route but `me`, logout and the password change is closed. */
  readonly mustChangePassword: boolean;
}

/**
 * The whole country as the statistics see it, for figures the service computes for itself (the
 * monthly workbook, a submission's review): no user, no unit; `purpose` names it in the audit trail.
 */
export function nationalReader(purpose: string): AuthUser {
  return { id: '00000000-0000-0000-0000-000000000000', email: purpose, role: 'analyst', reportingUnit: null };
}

/**
 * The reporting unit a query must be limited to: the focal person's own, or null (everything)
 * for national roles. Services apply it in their SQL, not only in guards.
 */
export function scopeOf(user: AuthUser): UnitScope | null {
  return user.role === 'focal_person' ? user.reportingUnit : null;
}

/** The one jurisdiction of a unit that has a single one (a province's police), else null. */
export function soleJurisdiction(unit: UnitScope | null): string | null {
  return unit?.jurisdictions.length === 1 ? unit.jurisdictions[0] : null;
}
