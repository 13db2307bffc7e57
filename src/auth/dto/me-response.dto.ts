import { SignedInUser, soleJurisdiction } from 'src/auth/auth-user';
import { Role } from 'src/users/user.entity';

/** A focal person's reporting unit. */
export class MeReportingUnit {
  code!: string;
  name!: string;
  /** police, fia or other. */
  agency!: string;
  /** The jurisdictions (ISO 3166-2) whose cases of the unit the focal person reads and writes. */
  jurisdictions!: string[];
}

/** The signed-in user. */
export class MeResponse {
  id!: string;
  email!: string;
  role!: Role;
  /** A focal person's reporting unit (their scope); null for national roles. */
  reportingUnit!: MeReportingUnit | null;
  /** The unit's jurisdiction when it has exactly one (a province's police); null otherwise. */
  jurisdiction!: string | null;
  /**
   * The password was set by an admin: the web application should ask for a new one
   * (`POST /auth/password`) before anything else, which every other route refuses until then.
   */
  mustChangePassword!: boolean;
}

export function toMeResponse(user: SignedInUser): MeResponse {
  const unit = user.reportingUnit;
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    reportingUnit: unit && {
      code: unit.code,
      name: unit.name,
      agency: unit.agency,
      jurisdictions: [...unit.jurisdictions],
    },
    jurisdiction: soleJurisdiction(unit),
    mustChangePassword: user.mustChangePassword,
  };
}
