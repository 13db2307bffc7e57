import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from 'src/cases/cases.module';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { ReferenceModule } from 'src/reference/reference.module';
import { Victim } from 'src/victims/victim.entity';
import { VictimsController } from 'src/victims/victims.controller';
import { VictimsRepository } from 'src/victims/victims.repository';
import { VictimsService } from 'src/victims/victims.service';

@Module({
  imports: [TypeOrmModule.forFeature([Victim]), CasesModule, JurisdictionsModule, ReferenceModule],
  controllers: [VictimsController],
  providers: [VictimsService, VictimsRepository],
})
export class VictimsModule {}
