import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditEvent } from 'src/audit/audit-event.entity';
import { AuditService } from 'src/audit/audit.service';
import { AuditEventResponse, AuditPageResponse, AuditQueryDto } from 'src/audit/dto/audit-query.dto';
import { Roles } from 'src/auth/decorators/roles.decorator';

function toAuditEventResponse(e: AuditEvent): AuditEventResponse {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changedFields: e.changedFields,
    jurisdiction: e.jurisdictionCode,
    ip: e.ip,
    requestId: e.requestId,
    detail: e.detail,
  };
}

@ApiTags('audit')
@Controller({ path: 'audit' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first (admins only). */
  @Get()
  @Roles('admin')
  async list(@Query() q: AuditQueryDto): Promise<AuditPageResponse> {
    const [items, total] = await this.audit.list(q);
    return { items: items.map(toAuditEventResponse), total, page: q.page, pageSize: q.pageSize };
  }
}
