import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { concatMap, Observable } from 'rxjs';
import { WRITES_CASES } from 'src/common/writes-cases.decorator';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After a write to the case tables has committed (a route of a controller marked WritesCases),
 * brings the statistics cube up to date before the write is answered (StatisticsCube.takeInWrites):
 * the writer waits for its own edit's few rows, and the next reader of a figure finds the cube
 * up to date. A write that fails is answered as it is.
 */
@Injectable()
export class StatisticsAfterCaseWrites implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cube: StatisticsCube,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.switchToHttp().getRequest<Request>().method;
    const writes =
      !READS.has(method) &&
      this.reflector.getAllAndOverride<boolean>(WRITES_CASES, [context.getHandler(), context.getClass()]);
    if (!writes) return next.handle();
    return next.handle().pipe(
      concatMap(async (answer: unknown) => {
        await this.cube.takeInWrites();
        return answer;
      }),
    );
  }
}
