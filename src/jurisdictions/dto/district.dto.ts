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

/** A district with its validity and its other spellings (the official name not among them). */
export class DistrictResponse {
  /** OCHA P-code, or the provisional code it was added with. */
  code!: string;
  name!: string;
  jurisdiction!: string;
  /** Calendar date (YYYY-MM-DD) from which the district exists; null: always. */
  validFrom!: string | null;
  /** Last calendar date (YYYY-MM-DD) on which the district exists; null: it still does. */
  validTo!: string | null;
  aliases!: string[];
}

export class JurisdictionResponse {
  /** ISO 3166-2:PK code. */
  code!: string;
  /** OCHA P-code. */
  pcode!: string;
  name!: string;
}
