import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemSchemas } from 'src/common/errors/problem-catalogue';

/** The fields of an OpenAPI path item that hold an operation. */
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The service's OpenAPI description: served at /api/docs and the source of the web
 * client's types (`npm run api:client`). Every operation's error answer is the Problem schema.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
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
  return document;
}
