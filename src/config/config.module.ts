import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { EMBEDDED_SERVER, EmbeddedServer } from 'src/database/embedded-postgres';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the validated configuration (`APP_CONFIG`) and the embedded server, if any, injectable everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig, embedded: EmbeddedServer | null = null): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: EMBEDDED_SERVER, useValue: embedded },
    ];
    return { module: AppConfigModule, providers, exports: [APP_CONFIG, EMBEDDED_SERVER] };
  }
}
