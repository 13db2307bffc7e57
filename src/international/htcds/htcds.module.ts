import { Module } from '@nestjs/common';
import { HtcdsController } from 'src/international/htcds/htcds.controller';
import { HtcdsRepository } from 'src/international/htcds/htcds.repository';
import { HtcdsService } from 'src/international/htcds/htcds.service';

/** The victims in IOM's Human Trafficking Case Data Standard v2.0, de-identified and k-anonymous. */
@Module({
  controllers: [HtcdsController],
  providers: [HtcdsService, HtcdsRepository],
})
export class HtcdsModule {}
