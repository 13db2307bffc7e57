import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { VictimsController } from 'src/victims/victims.controller';
import { VictimsService } from 'src/victims/victims.service';

@Module({ imports: [CasesModule, JurisdictionsModule], controllers: [VictimsController], providers: [VictimsService] })
export class VictimsModule {}
