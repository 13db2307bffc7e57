import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import { EXPLOITATION_FORMS, REFERRALS, Referral, SEXES, Sex, VULNERABILITIES } from 'src/reference/code-lists';
import { Victim } from 'src/victims/victim.entity';

/** A list of codes as a set: each code once, in the order first given (anything else is left to the validators). */
const distinct = ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? [...new Set(value)] : value);

export class CreateVictimDto {
  /** The uploader's reference within the case, e.g. `V1` — never a name. */
  @IsString() @Matches(/^[A-Za-z0-9._/-]{1,40}$/) ref!: string;
  @Optional() @IsIn(SEXES) sex?: Sex;
  /** Age at the offence; null when unknown. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(120) age?: number | null;
  @Optional() @IsBoolean() ageEstimated?: boolean;
  /** ISO 3166-1 alpha-3. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(/^[A-Z]{3}$/) nationality?: string | null;
  /** District P-code, name or alias. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 100 }) residenceDistrict?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(/^[A-Z]{3}$/) residenceCountry?: string | null;
  @Optional()
  @Transform(distinct)
  @IsArray()
  @ArrayMaxSize(11)
  @IsIn(EXPLOITATION_FORMS.map((f) => f.code), { each: true })
  exploitationForms?: string[];
  /** A set: a code given twice is kept once (the figures count a victim once per vulnerability). */
  @Optional()
  @Transform(distinct)
  @IsArray()
  @ArrayMaxSize(12)
  @IsIn(VULNERABILITIES.map((f) => f.code), { each: true })
  vulnerabilities?: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIsoDate() identifiedOn?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(REFERRALS) referredTo?: Referral | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() repatriated?: boolean | null;
  /** Stored only as a keyed hash, for de-duplication. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @SafeText({ max: 20 }) cnic?: string | null;
}

export class UpdateVictimDto extends PartialType(CreateVictimDto, { skipNullProperties: false }) {}

export class VictimResponse {
  id!: string;
  ref!: string;
  sex!: string;
  age!: number | null;
  ageEstimated!: boolean;
  nationality!: string | null;
  residenceDistrict!: string | null;
  residenceCountry!: string | null;
  exploitationForms!: string[];
  vulnerabilities!: string[];
  identifiedOn!: string | null;
  referredTo!: string | null;
  repatriated!: boolean | null;
  /** Whether a CNIC was recorded; the number itself is never returned. */
  hasCnic!: boolean;
}

export function toVictimResponse(v: Victim): VictimResponse {
  return {
    id: v.id,
    ref: v.ref,
    sex: v.sex,
    age: v.age,
    ageEstimated: v.ageEstimated,
    nationality: v.nationality,
    residenceDistrict: v.residenceDistrictCode,
    residenceCountry: v.residenceCountry,
    exploitationForms: v.exploitationForms,
    vulnerabilities: v.vulnerabilities,
    identifiedOn: v.identifiedOn,
    referredTo: v.referredTo,
    repatriated: v.repatriated,
    hasCnic: v.cnicHash !== null,
  };
}
