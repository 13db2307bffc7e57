import {
  DynamicModule,
  Inject,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AuthModule } from 'src/auth/auth.module';
import { CasesModule } from 'src/cases/cases.module';
import { DefendantsModule } from 'src/defendants/defendants.module';
import { DemoModule } from 'src/demo/demo.module';
import { ProsecutionsModule } from 'src/prosecutions/prosecutions.module';
import { VictimsModule } from 'src/victims/victims.module';
import { LoggingModule } from 'src/common/logging.module';
import { ClsMiddleware } from 'nestjs-cls';
import { RequestContextModule } from 'src/common/request-context';
import { AppConfig } from 'src/config/app-config';
import { AppConfigModule } from 'src/config/config.module';
import { DatabaseModule } from 'src/database/database.module';
import { EMBEDDED_SERVER, EmbeddedServer } from 'src/database/embedded-postgres';
import { typeOrmOptions } from 'src/database/typeorm-options';
import { ExportsModule } from 'src/exports/exports.module';
import { HealthModule } from 'src/health/health.module';
import { ImportsModule } from 'src/imports/imports.module';
import { InternationalModule } from 'src/international/international.module';
import { HtcdsModule } from 'src/international/htcds/htcds.module';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { ReferenceModule } from 'src/reference/reference.module';
import { StatisticsModule } from 'src/statistics/statistics.module';
import { UsersModule } from 'src/users/users.module';
import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';
import { SubmissionsModule } from 'src/submissions/submissions.module';
import { NoticesModule } from 'src/notices/notices.module';
import { RemindersModule } from 'src/reminders/reminders.module';

/** Stops the embedded PostgreSQL (when the service started one) after everything else has closed. */
@Injectable()
class EmbeddedServerShutdown implements OnApplicationShutdown {
  constructor(@Inject(EMBEDDED_SERVER) private readonly server: EmbeddedServer | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}

@Module({})
export class AppModule implements NestModule {
  /** The whole service for one configuration (with `databaseUrl` already resolved). */
  static register(config: AppConfig & { databaseUrl: string }, embedded: EmbeddedServer | null = null): DynamicModule {
    return {
      module: AppModule,
      providers: [EmbeddedServerShutdown],
      imports: [
        AppConfigModule.register(config, embedded),
        LoggingModule,
        RequestContextModule,
        TypeOrmModule.forRoot({ ...typeOrmOptions(config.databaseUrl), migrationsRun: false }),
        DatabaseModule,
        AuditModule,
        AuthModule,
        UsersModule,
        JurisdictionsModule,
        ReportingUnitsModule,
        SubmissionsModule,
        ReferenceModule,
        CasesModule,
        VictimsModule,
        DefendantsModule,
        ProsecutionsModule,
        StatisticsModule,
        ImportsModule,
        ScheduleModule.forRoot(),
        // before ExportsModule: its `exports/:id` would otherwise take `exports/glotip`, `untoc` and `htcds`
        InternationalModule,
        HtcdsModule,
        ExportsModule,
        NoticesModule,
        RemindersModule,
        HealthModule,
        DemoModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ClsMiddleware).forRoutes('{*path}');
  }
}
