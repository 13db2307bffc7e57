import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'E-mail and password are required');
    return user;
  }
}
