import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { DefendantsController } from 'src/defendants/defendants.controller';
import { DefendantsService } from 'src/defendants/defendants.service';

@Module({ imports: [CasesModule], controllers: [DefendantsController], providers: [DefendantsService] })
export class DefendantsModule {}
