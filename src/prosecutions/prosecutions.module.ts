import { Module } from '@nestjs/common';
import { CasesModule } from 'src/cases/cases.module';
import { ProsecutionsController } from 'src/prosecutions/prosecutions.controller';
import { ProsecutionsService } from 'src/prosecutions/prosecutions.service';

@Module({ imports: [CasesModule], controllers: [ProsecutionsController], providers: [ProsecutionsService] })
export class ProsecutionsModule {}
