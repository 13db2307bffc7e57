import { SetMetadata } from '@nestjs/common';
import { Role } from 'src/users/user.entity';

export const ROLES_KEY = 'roles';
/** The roles that may call a route. A route with neither `@Roles` nor `@Public` is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
