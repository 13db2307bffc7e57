import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';

export class CreateDistrictDto {
  /** OCHA P-code, or a provisional code for a district the list does not have yet. */
  @IsString() @Matches(/^[A-Z0-9-]{2,16}$/) code!: string;
  @SafeText({ min: 2, max: 100 }) name!: string;
  @Optional() @IsIsoDate() validFrom?: string;
  @Optional() @IsArray() @ArrayMaxSize(20) @SafeText({ max: 100, each: true }) aliases?: string[];
}

export class CreateAliasDto {
  @SafeText({ min: 2, max: 100 }) alias!: string;
  @Optional() @IsIsoDate() validFrom?: string;
}

export class DistrictResponse {
  code!: string;
  name!: string;
  jurisdiction!: string;
  validFrom!: string | null;
  validTo!: string | null;
  aliases!: string[];
}

export class JurisdictionResponse {
  code!: string;
  pcode!: string;
  name!: string;
}
