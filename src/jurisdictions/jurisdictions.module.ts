import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DistrictAlias } from 'src/jurisdictions/district-alias.entity';
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { District } from 'src/jurisdictions/district.entity';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { JurisdictionsController } from 'src/jurisdictions/jurisdictions.controller';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { JurisdictionsService } from 'src/jurisdictions/jurisdictions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Jurisdiction, District, DistrictAlias])],
  controllers: [JurisdictionsController],
  providers: [JurisdictionsService, JurisdictionsRepository, DistrictResolver],
  exports: [JurisdictionsService, JurisdictionsRepository, DistrictResolver],
})
export class JurisdictionsModule {}
