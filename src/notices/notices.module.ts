import { Module } from '@nestjs/common';
import { NoticesController } from 'src/notices/notices.controller';
import { NoticesRepository } from 'src/notices/notices.repository';
import { NoticesService } from 'src/notices/notices.service';

@Module({
  controllers: [NoticesController],
  providers: [NoticesService, NoticesRepository],
  exports: [NoticesRepository],
})
export class NoticesModule {}
