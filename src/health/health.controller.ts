import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Public } from 'src/auth/decorators/public.decorator';
import { HealthResponse, HealthService } from 'src/health/health.service';

@ApiTags('health')
@Controller({ path: 'health' })
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** 200 when the database answers and every migration is applied, else 503. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.service.check();
    res.status(result.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }
}
