import { INestApplication, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { problemSchemas } from 'src/common/errors/problem-catalogue';
import { ProblemFilter } from 'src/common/errors/problem.filter';
import { rejectDeepJson } from 'src/common/json-depth';
import { createValidationPipe } from 'src/common/validation';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/** Everything the HTTP app needs beyond its modules; used by main.ts and by every e2e test. */
export function setupApp(app: INestApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // registered here (Nest then adds no JSON parser of its own) so that the depth check runs right after it
  (app as NestExpressApplication).useBodyParser('json');
  app.use(rejectDeepJson);
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  // scripts only from the service itself (no inline script), and no page may frame it
  app.use(helmet({ contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"] } } }));
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

/** The fields of an OpenAPI path item that hold an operation. */
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The OpenAPI description at /api/docs (and /api/docs/openapi.json). */
function serveApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TIP case database')
      .setDescription(
        'National database on trafficking in persons kept by the National Police Bureau. ' +
          'Errors are application/problem+json with a stable `code` (the `ProblemCode` schema lists each with its status and meaning).',
      )
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...problemSchemas() } };
  const problem = {
    description: 'A problem',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method];
      if (operation) operation.responses.default ??= problem;
    }
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
