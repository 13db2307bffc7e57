import { CasesModule } from 'src/cases/cases.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseExportRepository } from 'src/exports/case-export.repository';
import { CaseExportService } from 'src/exports/case-export.service';
import { ExportsController } from 'src/exports/exports.controller';
import { MonthlyExport } from 'src/exports/monthly-export.entity';
import { MonthlyExportsRepository } from 'src/exports/monthly-exports.repository';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { MonthlyFiguresSource } from 'src/exports/monthly-figures';
import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';
import { StatisticsModule } from 'src/statistics/statistics.module';

@Module({
  imports: [TypeOrmModule.forFeature([MonthlyExport]), StatisticsModule, CasesModule, ReportingUnitsModule],
  controllers: [ExportsController],
  providers: [
    MonthlyExportsService,
    MonthlyExportsRepository,
    MonthlyFiguresSource,
    CaseExportService,
    CaseExportRepository,
  ],
})
export class ExportsModule {}
