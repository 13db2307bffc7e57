import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { StatisticsController } from 'src/statistics/statistics.controller';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { StatisticsRepository } from 'src/statistics/statistics.repository';
import { StatisticsService } from 'src/statistics/statistics.service';
import { ReportingStatesModule } from 'src/submissions/reporting-states.module';

@Module({
  imports: [CasesModule, ReportingStatesModule],
  controllers: [StatisticsController],
  providers: [StatisticsService, StatisticsRepository, StatisticsCube],
  exports: [StatisticsService, StatisticsCube, ReportingStatesModule],
})
export class StatisticsModule {}
