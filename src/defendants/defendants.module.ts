import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from 'src/cases/cases.module';
import { Defendant } from 'src/defendants/defendant.entity';
import { DefendantsController } from 'src/defendants/defendants.controller';
import { DefendantsRepository } from 'src/defendants/defendants.repository';
import { DefendantsService } from 'src/defendants/defendants.service';
import { ReferenceModule } from 'src/reference/reference.module';

@Module({
  imports: [TypeOrmModule.forFeature([Defendant]), CasesModule, ReferenceModule],
  controllers: [DefendantsController],
  providers: [DefendantsService, DefendantsRepository],
  exports: [DefendantsRepository],
})
export class DefendantsModule {}
