import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { NoticeErrors } from 'src/common/errors/error-codes';
import { NoticeResponse } from 'src/notices/dto/notice.response';
import { submissionDueText } from 'src/notices/notice-text';
import { NoticeRow, NoticesRepository } from 'src/notices/notices.repository';

/** A user's own notices: read and marked read by that user alone. */
@Injectable()
export class NoticesService {
  constructor(private readonly notices: NoticesRepository) {}

  async list(user: AuthUser): Promise<NoticeResponse[]> {
    return (await this.notices.listFor(user.id)).map(toNoticeResponse);
  }

  async markRead(user: AuthUser, id: string): Promise<NoticeResponse> {
    const notice = await this.notices.markRead(id, user.id);
    if (!notice) throw new DomainError(NoticeErrors.NOT_FOUND, 'No such notice');
    return toNoticeResponse(notice);
  }
}

export function toNoticeResponse(row: NoticeRow): NoticeResponse {
  return {
    id: row.id,
    kind: row.kind,
    month: row.month,
    reportingUnit: row.reporting_unit_code,
    reportingUnitName: row.reporting_unit_name,
    dueAt: row.due_at.toISOString(),
    message: submissionDueText(row.month, row.reporting_unit_name, row.due_at),
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
