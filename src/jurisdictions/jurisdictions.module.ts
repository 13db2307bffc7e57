import { Module } from '@nestjs/common';
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { JurisdictionsController } from 'src/jurisdictions/jurisdictions.controller';
import { JurisdictionsService } from 'src/jurisdictions/jurisdictions.service';

@Module({ controllers: [JurisdictionsController], providers: [JurisdictionsService, DistrictResolver], exports: [JurisdictionsService, DistrictResolver] })
export class JurisdictionsModule {}
