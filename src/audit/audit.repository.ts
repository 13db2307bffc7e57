import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from 'src/audit/audit-event.entity';
import { AuditQueryDto } from 'src/audit/dto/audit-query.dto';
import { within } from 'src/database/transactions';

/** The audit trail's rows. */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async add(event: Omit<AuditEvent, 'id' | 'at'>, manager?: EntityManager): Promise<void> {
    const events = within(this.events, manager);
    await events.save(events.create(event));
  }

  /** One page of the trail, newest first, with the number of events the filters select. */
  page(q: AuditQueryDto): Promise<[AuditEvent[], number]> {
    const query = this.events.createQueryBuilder('audit_event');
    if (q.action) query.andWhere('audit_event.action = :action', { action: q.action });
    if (q.actorId) query.andWhere('audit_event.actor_id = :actorId', { actorId: q.actorId });
    if (q.entity) query.andWhere('audit_event.entity = :entity', { entity: q.entity });
    if (q.entityId) query.andWhere('audit_event.entity_id = :entityId', { entityId: q.entityId });
    if (q.from) query.andWhere('audit_event.at >= :from', { from: q.from });
    if (q.to) query.andWhere('audit_event.at < :to', { to: q.to });
    return query
      .orderBy('audit_event.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
  }

  /** Who downloaded each of the given monthly workbooks, and when, oldest first. */
  exportDownloads(exportIds: string[]): Promise<Array<{ entity_id: string; actor_email: string | null; at: Date }>> {
    return this.events.query(
      `SELECT entity_id, actor_email, at FROM audit_events WHERE action = 'export.download' AND entity = 'monthly_export' AND entity_id = ANY($1) ORDER BY at`,
      [exportIds],
    );
  }
}
