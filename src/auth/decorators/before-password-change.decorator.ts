import { SetMetadata } from '@nestjs/common';

export const BEFORE_PASSWORD_CHANGE = 'beforePasswordChange';
/**
 * Opens a route to a user whose password an admin set and who has not yet chosen their own
 * (`me`, logout, the password change). Every other route answers them 403
 * `AUTH.PASSWORD_CHANGE_REQUIRED`.
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);
