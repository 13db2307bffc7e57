import { soleJurisdiction } from 'src/auth/auth-user';
import { toScope } from 'src/reporting-units/reporting-units.repository';
import { User, Role } from 'src/users/user.entity';

export class UserResponse {
  id!: string;
  email!: string;
  role!: Role;
  /** A focal person's reporting unit; null for national roles. */
  reportingUnit!: string | null;
  /** The unit's jurisdiction when it has exactly one; null otherwise. */
  jurisdiction!: string | null;
  disabled!: boolean;
  /** The password was set by an admin and the user has not yet chosen their own. */
  mustChangePassword!: boolean;
  lastLoginAt!: string | null;
  createdAt!: string;
}

/** A new user, with the generated one-time password when the admin gave none. */
export class CreatedUserResponse extends UserResponse {
  /**
   * Only when the request had no `password`: the generated one-time password, shown this once
   * and never stored in clear. Hand it to the user, who must replace it at the first sign-in.
   */
  oneTimePassword?: string;
}

/** A reset's new one-time password. */
export class OneTimePasswordResponse {
  /**
   * Shown this once and never stored in clear: four groups of five letters and digits
   * (`k7m2q-9xbtd-…`). The user signs in with it and must then choose their own.
   */
  oneTimePassword!: string;
}

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    reportingUnit: u.reportingUnitCode,
    jurisdiction: soleJurisdiction(u.reportingUnit ? toScope(u.reportingUnit) : null),
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
