import { SignedInUser } from 'src/auth/auth-user';
import { Role } from 'src/users/user.entity';

/** The signed-in user. */
export class MeResponse {
  id!: string;
  email!: string;
  role!: Role;
  /** A focal person's jurisdiction (ISO 3166-2); null for national roles. */
  jurisdiction!: string | null;
  /**
   * The password was set by an admin: the web application should ask for a new one
   * (`POST /auth/password`) before anything else, which every other route refuses until then.
   */
  mustChangePassword!: boolean;
}

export function toMeResponse(user: SignedInUser): MeResponse {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    jurisdiction: user.jurisdiction,
    mustChangePassword: user.mustChangePassword,
  };
}
