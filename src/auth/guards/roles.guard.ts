import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser } from 'src/auth/auth-user';
import { IS_PUBLIC } from 'src/auth/decorators/public.decorator';
import { ROLES_KEY } from 'src/auth/decorators/roles.decorator';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';
import { Role } from 'src/users/user.entity';

/** Global: a route's `@Roles(...)` must name the caller's role; a route with no rule is refused. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!roles || !user || !roles.includes(user.role)) {
      throw new DomainError(AuthErrors.FORBIDDEN, 'Your role does not allow this');
    }
    return true;
  }
}
