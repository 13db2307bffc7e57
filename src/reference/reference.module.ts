import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Country } from 'src/reference/country.entity';
import { ReferenceController } from 'src/reference/reference.controller';
import { ReferenceRepository } from 'src/reference/reference.repository';
import { ReferenceService } from 'src/reference/reference.service';

@Module({
  imports: [TypeOrmModule.forFeature([Country])],
  controllers: [ReferenceController],
  providers: [ReferenceService, ReferenceRepository],
  exports: [ReferenceRepository],
})
export class ReferenceModule {}
