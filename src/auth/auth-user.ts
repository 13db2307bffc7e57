import { Role } from 'src/users/user.entity';

/** The caller, as loaded from the database for every request (never from the request body). */
export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  /** Set for focal persons only: the one jurisdiction they may read and write. */
  readonly jurisdiction: string | null;
}

/** The caller of a request, as the token's user is in the database at that moment. */
export interface SignedInUser extends AuthUser {
  /** An admin set the password: every route but `me`, logout and the password change is closed. */
  readonly mustChangePassword: boolean;
}

/**
 * The jurisdiction a query must be limited to: the focal person's own, or null (everything)
 * for national roles. Services apply it in their SQL, not only in guards.
 */
export function scopeOf(user: AuthUser): string | null {
  return user.role === 'focal_person' ? user.jurisdiction : null;
}
