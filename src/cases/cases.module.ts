import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseListCounts } from 'src/cases/case-list-counts';
import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { CasesController } from 'src/cases/cases.controller';
import { CasesRepository } from 'src/cases/cases.repository';
import { CasesService } from 'src/cases/cases.service';
import { RoutePoint } from 'src/cases/route-point.entity';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { ReferenceModule } from 'src/reference/reference.module';
import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([CaseRecord, RoutePoint, CaseStatusEvent]),
    JurisdictionsModule,
    ReferenceModule,
    ReportingUnitsModule,
  ],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseAccess, CaseListCounts],
  exports: [CaseAccess],
})
export class CasesModule {}
