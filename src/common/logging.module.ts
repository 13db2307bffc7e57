import { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { requestIdFor } from 'src/common/request-context';
import { safePath } from 'src/common/request-path';

/**
 * pino behind Nest's Logger: one JSON line per request with its id. Request bodies are
 * never logged, paths without their query string and with only words, ids and codes (src/common/request-path.ts),
 * credentials and cookies redacted.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: requestIdFor,
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.password',
              '*.cnic',
              '*.name',
            ],
            censor: '[redacted]',
          },
          serializers: {
            req: (req: { id: string; method: string; url: string; raw: IncomingMessage }) => ({
              id: req.id,
              method: req.method,
              url: safePath(req.raw),
            }),
          },
          autoLogging: { ignore: (req: { url?: string }) => req.url === '/api/v1/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
