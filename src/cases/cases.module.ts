import { Module } from '@nestjs/common';
import { CaseAccess } from 'src/cases/case-access.service';
import { CasesController } from 'src/cases/cases.controller';
import { CasesService } from 'src/cases/cases.service';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';

@Module({
  imports: [JurisdictionsModule],
  controllers: [CasesController],
  providers: [CasesService, CaseAccess],
  exports: [CaseAccess],
})
export class CasesModule {}
