import { PartialType, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import { Conviction } from 'src/convictions/conviction.entity';
import { Prosecution } from 'src/prosecutions/prosecution.entity';
import {
  APPEAL_STATUSES,
  AppealStatus,
  LAW_SECTIONS,
  PROSECUTION_OUTCOMES,
  ProsecutionOutcome,
} from 'src/reference/code-lists';

const SECTION_CODES = LAW_SECTIONS.map((s) => s.code);

export class CreateProsecutionDto {
  /** A defendant of the same case. */
  @IsUUID() defendantId!: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 200 }) court?: string | null;
  @Optional() @IsArray() @ArrayMaxSize(30) @IsIn(SECTION_CODES, { each: true }) charges?: string[];
  /** Challan accepted / charge filed in court. */
  @IsIsoDate() prosecutionDate!: string;
  /** `convicted` is set through the conviction route, which records the judgment. */
  @Optional() @IsIn(PROSECUTION_OUTCOMES.filter((o) => o !== 'convicted')) outcome?: Exclude<
    ProsecutionOutcome,
    'convicted'
  >;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIsoDate() outcomeDate?: string | null;
}

export class UpdateProsecutionDto extends PartialType(OmitType(CreateProsecutionDto, ['defendantId'] as const), {
  skipNullProperties: false,
}) {}

export class ConvictionDto {
  @IsIsoDate() judgmentDate!: string;
  @Optional() @IsArray() @ArrayMaxSize(30) @IsIn(SECTION_CODES, { each: true }) sections?: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(12000) imprisonmentMonths?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(1_000_000_000_000) finePkr?: number | null;
  @Optional() @IsIn(APPEAL_STATUSES) appealStatus?: AppealStatus;
}

export class ConvictionResponse {
  judgmentDate!: string;
  sections!: string[];
  imprisonmentMonths!: number | null;
  finePkr!: number | null;
  appealStatus!: string;
}

export class ProsecutionResponse {
  id!: string;
  defendantId!: string;
  court!: string | null;
  charges!: string[];
  prosecutionDate!: string;
  outcome!: string;
  outcomeDate!: string | null;
  conviction!: ConvictionResponse | null;
}

export function toConvictionResponse(c: Conviction): ConvictionResponse {
  return {
    judgmentDate: c.judgmentDate,
    sections: c.sections,
    imprisonmentMonths: c.imprisonmentMonths,
    finePkr: c.finePkr === null ? null : Number(c.finePkr),
    appealStatus: c.appealStatus,
  };
}

export function toProsecutionResponse(p: Prosecution, conviction: Conviction | null): ProsecutionResponse {
  return {
    id: p.id,
    defendantId: p.defendantId,
    court: p.court,
    charges: p.charges,
    prosecutionDate: p.prosecutionDate,
    outcome: p.outcome,
    outcomeDate: p.outcomeDate,
    conviction: conviction ? toConvictionResponse(conviction) : null,
  };
}
