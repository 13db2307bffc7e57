import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/auth/decorators/public.decorator';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { AboutResponse } from 'src/health/dto/about.dto';

/** The version in the service's package.json: the nearest one above this file, in the sources and in dist/ alike. */
function serviceVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

@ApiTags('health')
@Controller({ path: 'about' })
export class AboutController {
  private readonly version = serviceVersion();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'What this service is: its name, version and whether it holds demonstration data' })
  about(): AboutResponse {
    return { name: 'TIP case database', version: this.version, demo: this.config.demo.enabled };
  }
}
