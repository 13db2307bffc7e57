import { Module } from '@nestjs/common';
import { InternationalController } from 'src/international/international.controller';
import { InternationalExports } from 'src/international/international-exports';
import { InternationalRepository } from 'src/international/international.repository';
import { InternationalService } from 'src/international/international.service';
import { StatisticsModule } from 'src/statistics/statistics.module';

/** International reporting from the case data: UNODC's GLOTIP rows and the UNTOC review's tables, checked before they leave. */
@Module({
  imports: [StatisticsModule],
  controllers: [InternationalController],
  providers: [InternationalService, InternationalRepository, InternationalExports],
})
export class InternationalModule {}
