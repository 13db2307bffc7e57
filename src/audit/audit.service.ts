import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { AuditEvent } from 'src/audit/audit-event.entity';
import { ClsService } from 'nestjs-cls';
import { AuditRepository } from 'src/audit/audit.repository';
import { AuditQueryDto } from 'src/audit/dto/audit-query.dto';
import { currentRequest } from 'src/common/request-context';

export interface AuditRecord {
  readonly actor: Pick<AuthUser, 'id' | 'email'> | null;
  /** e.g. `auth.login`, `case.update`, `export.download`. */
  readonly action: string;
  readonly entity?: string;
  readonly entityId?: string;
  /** Names of the fields that changed, never their values. */
  readonly changedFields?: string[];
  readonly jurisdiction?: string | null;
  readonly detail?: Record<string, unknown>;
  /** For a failed login: the e-mail typed. */
  readonly actorEmail?: string;
}

/**
 * Writes audit events. Pass the transaction's EntityManager so the event commits or rolls
 * back with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly cls: ClsService,
  ) {}

  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const request = currentRequest(this.cls);
    await this.events.add(
      {
        actorId: event.actor?.id ?? null,
        actorEmail: event.actor?.email ?? event.actorEmail ?? null,
        action: event.action,
        entity: event.entity ?? null,
        entityId: event.entityId ?? null,
        changedFields: event.changedFields ?? [],
        jurisdictionCode: event.jurisdiction ?? null,
        ip: request?.ip ?? null,
        requestId: request?.requestId || null,
        detail: event.detail ?? null,
      },
      manager,
    );
  }

  list(q: AuditQueryDto): Promise<[AuditEvent[], number]> {
    return this.events.page(q);
  }
}
