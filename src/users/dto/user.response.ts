import { User, Role } from 'src/users/user.entity';

export class UserResponse {
  id!: string;
  email!: string;
  role!: Role;
  jurisdiction!: string | null;
  disabled!: boolean;
  lastLoginAt!: string | null;
  createdAt!: string;
}

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    jurisdiction: u.jurisdictionCode,
    disabled: u.disabled,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
