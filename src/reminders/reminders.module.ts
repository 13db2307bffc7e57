import { Module } from '@nestjs/common';
import { NoticesModule } from 'src/notices/notices.module';
import { Mailer } from 'src/reminders/mailer';
import { RemindersService } from 'src/reminders/reminders.service';

@Module({
  imports: [NoticesModule],
  providers: [RemindersService, Mailer],
  exports: [RemindersService],
})
export class RemindersModule {}
