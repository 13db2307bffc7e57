import { ArrayMaxSize, IsArray, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateDistrictDto {
  /** OCHA P-code, or a provisional code for a district the list does not have yet. */
  @IsString() @Matches(/^[A-Z0-9-]{2,16}$/) code!: string;
  @IsString() @MinLength(2) @MaxLength(100) name!: string;
  @IsOptional() @IsDateString() validFrom?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true }) aliases?: string[];
}

export class CreateAliasDto {
  @IsString() @MinLength(2) @MaxLength(100) alias!: string;
  @IsOptional() @IsDateString() validFrom?: string;
}

export interface DistrictResponse {
  code: string;
  name: string;
  jurisdiction: string;
  validFrom: string | null;
  validTo: string | null;
  aliases: string[];
}

export interface JurisdictionResponse {
  code: string;
  pcode: string;
  name: string;
}
