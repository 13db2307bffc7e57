import { Module } from '@nestjs/common';
import { AboutController } from 'src/health/about.controller';
import { HealthController } from 'src/health/health.controller';
import { HealthRepository } from 'src/health/health.repository';
import { HealthService } from 'src/health/health.service';

@Module({ controllers: [HealthController, AboutController], providers: [HealthService, HealthRepository] })
export class HealthModule {}
