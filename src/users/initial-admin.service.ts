import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { passwordProblem } from 'src/auth/password-policy';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { EMBEDDED_SERVER, EmbeddedServer } from 'src/database/embedded-postgres';
import { UsersRepository } from 'src/users/users.repository';
import { UsersService } from 'src/users/users.service';

export const GENERATED_ADMIN_EMAIL = 'admin@tip.local';

/**
 * Makes sure there is a first admin: from ADMIN_EMAIL/ADMIN_PASSWORD when set, or — on a
 * fresh embedded database — with a generated password printed once to the console.
 */
@Injectable()
export class InitialAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('InitialAdmin');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: UsersRepository,
    private readonly users: UsersService,
    @Inject(EMBEDDED_SERVER) private readonly embedded: EmbeddedServer | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // production refuses to start with a weak one (loadConfig); elsewhere it is only a warning
    const weak =
      this.config.initialAdmin && passwordProblem(this.config.initialAdmin.password, this.config.initialAdmin);
    if (weak) this.logger.warn(`ADMIN_PASSWORD is weak (${weak.message}); production refuses to start with it`);
    if (await this.accounts.adminExists()) return;
    if (this.config.initialAdmin) {
      await this.users.create({ ...this.config.initialAdmin, role: 'admin' }, null, { allowWeakPassword: true });
      this.logger.log('created the first admin from ADMIN_EMAIL');
    } else if (this.embedded) {
      const password = randomBytes(18).toString('base64url');
      await this.users.create({ email: GENERATED_ADMIN_EMAIL, password, role: 'admin' }, null);
      process.stdout.write(
        `\nFirst admin account created — shown once, change it after logging in:\n  e-mail:   ${GENERATED_ADMIN_EMAIL}\n  password: ${password}\n\n`,
      );
    } else {
      this.logger.warn('no admin account exists; set ADMIN_EMAIL and ADMIN_PASSWORD to create one');
    }
  }
}
