import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { ReportingUnitJurisdiction } from 'src/reporting-units/reporting-unit-jurisdiction.entity';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';
import { ReportingUnitsController } from 'src/reporting-units/reporting-units.controller';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { ReportingUnitsService } from 'src/reporting-units/reporting-units.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReportingUnit, ReportingUnitJurisdiction]), JurisdictionsModule],
  controllers: [ReportingUnitsController],
  providers: [ReportingUnitsService, ReportingUnitsRepository],
  exports: [ReportingUnitsService, ReportingUnitsRepository],
})
export class ReportingUnitsModule {}
