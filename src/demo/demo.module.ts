import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { DemoAccounts } from 'src/demo/demo-accounts.service';
import { DemoLoader } from 'src/demo/demo-loader.service';
import { DemoRepository } from 'src/demo/demo.repository';
import { StatisticsModule } from 'src/statistics/statistics.module';
import { UsersModule } from 'src/users/users.module';

/**
 * In demo mode, before the service answers (and before the first admin is made): the
 * demonstration data in an empty database, then the demo accounts. A database holding other
 * cases stops the start (DemoRefusedError).
 */
@Injectable()
export class DemoStartup implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: DemoLoader,
    private readonly accounts: DemoAccounts,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.demo.enabled) return;
    await this.loader.prepare();
    await this.accounts.ensure();
  }
}

@Module({
  imports: [UsersModule, StatisticsModule],
  providers: [DemoRepository, DemoLoader, DemoAccounts, DemoStartup],
  exports: [DemoLoader],
})
export class DemoModule {}
