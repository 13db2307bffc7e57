import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { AppConfig } from 'src/config/app-config';
import { EMBEDDED_SERVER, EmbeddedServer } from 'src/database/embedded-postgres';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The configuration through @nestjs/config: the environment is validated and turned into a
 * typed AppConfig once, before the application is built (loadConfig, class-validator: the
 * service and the tests pass it in), registered as the `app` namespace, and injectable
 * everywhere as `APP_CONFIG` — with the embedded server, if any.
 */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig, embedded: EmbeddedServer | null = null): DynamicModule {
    const app = registerAs('app', () => config);
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, ignoreEnvVars: true, load: [app] })],
      providers: [
        {
          provide: APP_CONFIG,
          useFactory: (settings: ConfigService) => settings.getOrThrow<AppConfig>('app'),
          inject: [ConfigService],
        },
        { provide: EMBEDDED_SERVER, useValue: embedded },
      ],
      exports: [APP_CONFIG, EMBEDDED_SERVER, ConfigModule],
    };
  }
}
