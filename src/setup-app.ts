import { INestApplication, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { apiDocument } from 'src/api-document';
import { ProblemFilter } from 'src/common/errors/problem.filter';
import { rejectDeepJson } from 'src/common/json-depth';
import { createValidationPipe } from 'src/common/validation';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { serveWebApp, webAppDir } from 'src/web-app';

/** The routes' addresses: `/api/v1/...` (also used to describe them without serving: `npm run api:client`). */
export function routeUnderApi(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/** Everything the HTTP app needs beyond its modules; used by main.ts and by every e2e test. */
export function setupApp(app: INestApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // registered here (Nest then adds no JSON parser of its own) so that the depth check runs right after it
  (app as NestExpressApplication).useBodyParser('json');
  app.use(rejectDeepJson);
  routeUnderApi(app);
  // scripts only from the service itself (no inline script), and no page may frame it
  // (and no upgrade-insecure-requests: on an intranet served over plain http it would break every asset)
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
    }),
  );
  const webDir = webAppDir();
  if (webDir) serveWebApp(app, webDir);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  if (config.apiDocsEnabled) serveApiDocs(app);
  return app;
}

/** The OpenAPI description at /api/docs (and /api/docs/openapi.json). */
function serveApiDocs(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, apiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
