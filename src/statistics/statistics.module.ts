import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { StatisticsController } from 'src/statistics/statistics.controller';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { StatisticsService } from 'src/statistics/statistics.service';

@Module({ imports: [CasesModule], controllers: [StatisticsController], providers: [StatisticsService, StatisticsCube], exports: [StatisticsService] })
export class StatisticsModule {}
