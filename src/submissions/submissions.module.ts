import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';
import { StatisticsModule } from 'src/statistics/statistics.module';
import { SubmissionEvent } from 'src/submissions/submission-event.entity';
import { Submission } from 'src/submissions/submission.entity';
import { SubmissionsController } from 'src/submissions/submissions.controller';
import { SubmissionsRepository } from 'src/submissions/submissions.repository';
import { SubmissionsService } from 'src/submissions/submissions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Submission, SubmissionEvent]), ReportingUnitsModule, StatisticsModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionsRepository],
  exports: [SubmissionsService],
})
export class SubmissionsModule {}
