import { Module } from '@nestjs/common';
import { CaseExportService } from 'src/exports/case-export.service';
import { ExportsController } from 'src/exports/exports.controller';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { MonthlyFiguresSource } from 'src/exports/monthly-figures';
import { StatisticsModule } from 'src/statistics/statistics.module';

@Module({
  imports: [StatisticsModule],
  controllers: [ExportsController],
  providers: [MonthlyExportsService, MonthlyFiguresSource, CaseExportService],
})
export class ExportsModule {}
