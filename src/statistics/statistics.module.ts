import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CasesModule } from 'src/cases/cases.module';
import { StatisticsAfterCaseWrites } from 'src/statistics/statistics-after-case-writes.interceptor';
import { StatisticsController } from 'src/statistics/statistics.controller';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { StatisticsRepository } from 'src/statistics/statistics.repository';
import { StatisticsService } from 'src/statistics/statistics.service';
import { ReportingStatesModule } from 'src/submissions/reporting-states.module';

@Module({
  imports: [CasesModule, ReportingStatesModule],
  controllers: [StatisticsController],
  providers: [
    StatisticsService,
    StatisticsRepository,
    StatisticsCube,
    { provide: APP_INTERCEPTOR, useClass: StatisticsAfterCaseWrites },
  ],
  exports: [StatisticsService, StatisticsCube, ReportingStatesModule],
})
export class StatisticsModule {}
