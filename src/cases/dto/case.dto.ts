import { PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { ROUTE_KINDS, RouteKind } from 'src/cases/route-point.entity';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import {
  CASE_STATUSES,
  CaseStatus,
  EXPLOITATION_FORMS,
  LAW_SECTIONS,
  OFFENCE_FAMILIES,
  OffenceFamily,
  REPORTING_AGENCIES,
  ReportingAgency,
  TRAFFICKING_TYPES,
  TraffickingType,
} from 'src/reference/code-lists';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

export class RoutePointDto {
  @IsIn(ROUTE_KINDS) kind!: RouteKind;
  /** ISO 3166-1 alpha-3. */
  @IsString() @Matches(/^[A-Z]{3}$/) country!: string;
  /** District P-code or name; only for points in Pakistan. */
  @Optional() @SafeText({ max: 100 }) district?: string;
  @Optional() @SafeText({ max: 200 }) place?: string;
}

export class CreateCaseDto {
  /** ISO 3166-2 code. A focal person may omit it (their own) but not name another. */
  @Optional() @IsString() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  /** District P-code, name or alias. */
  @SafeText({ min: 2, max: 100 }) district!: string;
  @SafeText({ min: 1, max: 120 }) policeStation!: string;
  /**
   * The reporting unit (`POLICE-PK-PB`, `FIA`). A focal person may omit it (their own) but not
   * name another; otherwise it defaults to the police of the jurisdiction (or `FIA` for agency `fia`).
   */
  @Optional() @IsString() @Matches(UNIT_CODE) reportingUnit?: string;
  /** The unit's agency; given, it must be the unit's. */
  @Optional() @IsIn(REPORTING_AGENCIES) reportingAgency?: ReportingAgency;
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/ -]{0,39}$/, { message: 'firNumber must be 1–40 letters, digits, spaces, / or -' })
  firNumber!: string;
  @Type(() => Number) @IsInt() @Min(1947) @Max(2100) firYear!: number;
  @IsIsoDate() firDate!: string;
  @IsIn(OFFENCE_FAMILIES) offenceFamily!: OffenceFamily;
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsIn(LAW_SECTIONS.map((s) => s.code), { each: true })
  lawSections?: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(TRAFFICKING_TYPES) traffickingType?: TraffickingType | null;
  @Optional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsIn(EXPLOITATION_FORMS.map((f) => f.code), { each: true })
  exploitationForms?: string[];
  /** Ordered: origin first, transits, destination last. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoutePointDto)
  route?: RoutePointDto[];
  /** Defaults to `registered`. */
  @Optional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  /** When the status took effect; defaults to the FIR date for `registered`, required otherwise. */
  @Optional() @IsIsoDate() statusDate?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIsoDate() investigationConcludedOn?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 4000, multiline: true }) remarks?: string | null;
}

/** Every field but the jurisdiction may change; a status change needs its `statusDate`. */
/** A case's unit and jurisdiction do not change: a case registered by the wrong unit is deleted and registered again. */
export class UpdateCaseDto extends PartialType(OmitType(CreateCaseDto, ['jurisdiction', 'reportingUnit'] as const), {
  skipNullProperties: false,
}) {}
