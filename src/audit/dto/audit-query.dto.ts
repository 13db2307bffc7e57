import { ApiProperty } from '@nestjs/swagger';
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
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 50;
}

/** One event of the audit trail: who did what, when, to which record (never the personal values). */
export class AuditEventResponse {
  id!: string;
  at!: string;
  actorId!: string | null;
  /** The account's e-mail, or the one typed in a failed sign-in. */
  actorEmail!: string | null;
  /** e.g. `user.create`, `auth.login_failed`, `district.alias_add`. */
  action!: string;
  entity!: string | null;
  entityId!: string | null;
  /** Names of the fields that changed, never their values. */
  changedFields!: string[];
  jurisdiction!: string | null;
  ip!: string | null;
  requestId!: string | null;
  /** Non-personal context: a file name, a month, counts. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail!: Record<string, unknown> | null;
}

/** One page of the audit trail, newest first. */
export class AuditPageResponse {
  items!: AuditEventResponse[];
  /** Events the filters select, on every page. */
  total!: number;
  page!: number;
  pageSize!: number;
}
