import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { ROLES_KEY } from 'src/auth/decorators/roles.decorator';
import { Role } from 'src/users/user.entity';

/** One route as the controllers declare it: what it takes and who may call it. */
export interface RouteEntry {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. `/api/v1/cases/:caseId/victims/:id` */
  readonly path: string;
  readonly pathParams: string[];
  /** Property names of the @Query() DTO, and of the @Body() DTO. */
  readonly queryFields: string[];
  readonly bodyFields: string[];
  readonly roles: Role[] | 'public';
}

const METHODS: Partial<Record<RequestMethod, RouteEntry['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

function fieldsOf(dto: unknown): string[] {
  if (typeof dto !== 'function' || dto === Object || dto === String) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

const join = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller, read from Nest's and class-validator's metadata. */
export function routeCatalogue(app: INestApplication): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const own = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (!method || own === undefined) continue;
        const path = join('api', 'v1', base, own);
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
        const dtoOf = (kind: RouteParamtypes) =>
          Object.entries(args)
            .filter(([key]) => key.split(':')[0] === String(kind))
            .flatMap(([, arg]) => fieldsOf(types[arg.index]));
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as
          Role[] | undefined;
        routes.push({
          method,
          path,
          pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
          queryFields: dtoOf(RouteParamtypes.QUERY),
          bodyFields: dtoOf(RouteParamtypes.BODY),
          roles: roles ?? 'public',
        });
      }
    }
  }
  return routes;
}
