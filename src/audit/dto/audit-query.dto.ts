import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsIsoDateTime } from 'src/common/dto/iso-date';
import { MAX_PAGE } from 'src/common/dto/pagination.dto';
import { SafeText } from 'src/common/dto/safe-text';

export class AuditQueryDto {
  @IsOptional() @SafeText({ max: 60 }) action?: string;
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @SafeText({ max: 60 }) entity?: string;
  @IsOptional() @SafeText({ max: 100 }) entityId?: string;
  /** Inclusive, ISO date or timestamp. */
  @IsOptional() @IsIsoDateTime() from?: string;
  /** Exclusive, ISO date or timestamp. */
  @IsOptional() @IsIsoDateTime() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

export interface AuditEventResponse {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  changedFields: string[];
  jurisdiction: string | null;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}
