import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import {
  CompletenessQuery,
  ReopenDto,
  ReturnDto,
  ReviewDto,
  SubmissionListQuery,
  SubmitMonthDto,
} from 'src/submissions/dto/submission.dto';
import {
  CompletenessResponse,
  SubmissionDetailResponse,
  SubmissionResponse,
} from 'src/submissions/dto/submission.response';
import { SubmissionsService } from 'src/submissions/submissions.service';

@ApiTags('submissions')
@Controller({ path: 'submissions' })
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @Roles('focal_person')
  @HttpCode(200)
  @ApiOperation({
    summary: "Submit your unit's month (again after a return or a re-opening), with its plausibility checks",
    description:
      'Runs the plausibility checks and answers them as warnings in `checks` (they never refuse). After the deadline (the 10th of the next month by default) the month is marked late. `nilReturn` states there were no cases (refused when the unit has cases registered in the month).',
  })
  async submit(@CurrentUser() user: AuthUser, @Body() dto: SubmitMonthDto): Promise<SubmissionResponse> {
    return this.submissions.response(await this.submissions.submit(user, dto));
  }

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({ summary: 'Submissions, newest month first (a focal person: their unit’s)' })
  async list(@CurrentUser() user: AuthUser, @Query() q: SubmissionListQuery): Promise<SubmissionResponse[]> {
    return (await this.submissions.list(user, q)).map((s) => this.submissions.response(s));
  }

  @Get('completeness')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({
    summary: 'Units × months: missing, submitted, returned, approved, re-opened, late, nil return; reporting rates',
  })
  completeness(@CurrentUser() user: AuthUser, @Query() q: CompletenessQuery): Promise<CompletenessResponse> {
    return this.submissions.completeness(user, q);
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({ summary: 'A submission with its checks, its steps and the month’s figures against the 12 before' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionDetailResponse> {
    return this.submissions.get(user, id);
  }

  @Post(':id/approve')
  @Roles('admin', 'analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a submitted month: its figures are locked until an administrator re-opens it' })
  async approve(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewDto,
  ): Promise<SubmissionResponse> {
    return this.submissions.response(await this.submissions.approve(user, id, dto));
  }

  @Post(':id/return')
  @Roles('admin', 'analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted month with a comment saying what to correct' })
  async return(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReturnDto,
  ): Promise<SubmissionResponse> {
    return this.submissions.response(await this.submissions.return(user, id, dto));
  }

  @Post(':id/reopen')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-open an approved month with a reason; it must be submitted and approved again' })
  async reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReopenDto,
  ): Promise<SubmissionResponse> {
    return this.submissions.response(await this.submissions.reopen(user, id, dto));
  }
}
