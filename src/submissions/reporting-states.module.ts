import { Module } from '@nestjs/common';
import { ReportingStates } from 'src/submissions/reporting-states';

/** Provides ReportingStates to the statistics and the exports without their depending on the submissions module. */
@Module({ providers: [ReportingStates], exports: [ReportingStates] })
export class ReportingStatesModule {}
