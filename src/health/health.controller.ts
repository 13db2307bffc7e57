import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from 'src/auth/decorators/public.decorator';

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  migrations: { pending: boolean | null };
}

@ApiTags('health')
@Controller({ path: 'health' })
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when the database answers and every migration is applied, else 503. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let database: HealthResponse['database'] = 'down';
    let pending: boolean | null = null;
    try {
      await this.dataSource.query('SELECT 1');
      database = 'up';
      pending = await this.dataSource.showMigrations();
    } catch {
      // reported below
    }
    const ok = database === 'up' && pending === false;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database, migrations: { pending } };
  }
}
