import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { NoticeResponse } from 'src/notices/dto/notice.response';
import { NoticesService } from 'src/notices/notices.service';

@ApiTags('notices')
@Controller({ path: 'notices' })
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Roles('admin', 'analyst', 'focal_person', 'viewer')
  @ApiOperation({ summary: 'Your notices (such as a month due soon), unread first, then newest first; at most 100' })
  list(@CurrentUser() user: AuthUser): Promise<NoticeResponse[]> {
    return this.notices.list(user);
  }

  @Post(':id/read')
  @Roles('admin', 'analyst', 'focal_person', 'viewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notices read' })
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeResponse> {
    return this.notices.markRead(user, id);
  }
}
