import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from 'src/cases/cases.module';
import { Conviction } from 'src/convictions/conviction.entity';
import { DefendantsModule } from 'src/defendants/defendants.module';
import { Prosecution } from 'src/prosecutions/prosecution.entity';
import { ProsecutionsController } from 'src/prosecutions/prosecutions.controller';
import { ProsecutionsRepository } from 'src/prosecutions/prosecutions.repository';
import { ProsecutionsService } from 'src/prosecutions/prosecutions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Prosecution, Conviction]), CasesModule, DefendantsModule],
  controllers: [ProsecutionsController],
  providers: [ProsecutionsService, ProsecutionsRepository],
})
export class ProsecutionsModule {}
