import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEvent } from 'src/audit/audit-event.entity';
import { AuditEventResponse, AuditQueryDto } from 'src/audit/dto/audit-query.dto';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The audit trail, newest first (admins only). */
  @Get()
  @Roles('admin')
  async list(@Query() q: AuditQueryDto): Promise<{ items: AuditEventResponse[]; total: number; page: number; pageSize: number }> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: q.actorId });
    if (q.entity) qb.andWhere('e.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.from) qb.andWhere('e.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.at < :to', { to: q.to });
    const [items, total] = await qb
      .orderBy('e.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: items.map(toAuditEventResponse), total, page: q.page, pageSize: q.pageSize };
  }
}
