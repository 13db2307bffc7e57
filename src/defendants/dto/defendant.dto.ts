import { PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { SafeText } from 'src/common/dto/safe-text';
import { CUSTODY_STATUSES, CustodyStatus, DEFENDANT_ROLES, SEXES, Sex } from 'src/reference/code-lists';
import { Defendant } from 'src/defendants/defendant.entity';

export class CreateDefendantDto {
  @IsString() @Matches(/^[A-Za-z0-9._/-]{1,40}$/) ref!: string;
  /** Restricted: shown only to those who may read the case, never exported or logged. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 200 }) name?: string | null;
  /** Stored only as a keyed hash; links the same person across cases. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 20 }) cnic?: string | null;
  @Optional() @IsIn(SEXES) sex?: Sex;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(120) age?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(/^[A-Z]{3}$/) nationality?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(DEFENDANT_ROLES.map((r) => r.code)) role?: string | null;
  @Optional() @IsIn(CUSTODY_STATUSES) custodyStatus?: CustodyStatus;
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 200 }) groupName?: string | null;
}

export class UpdateDefendantDto extends PartialType(CreateDefendantDto, { skipNullProperties: false }) {}

export class DefendantResponse {
  id!: string;
  ref!: string;
  name!: string | null;
  hasCnic!: boolean;
  sex!: string;
  age!: number | null;
  nationality!: string | null;
  role!: string | null;
  custodyStatus!: string;
  groupName!: string | null;
}

export function toDefendantResponse(d: Defendant): DefendantResponse {
  return {
    id: d.id,
    ref: d.ref,
    name: d.name,
    hasCnic: d.cnicHash !== null,
    sex: d.sex,
    age: d.age,
    nationality: d.nationality,
    role: d.role,
    custodyStatus: d.custodyStatus,
    groupName: d.groupName,
  };
}
