import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { SafeText } from 'src/common/dto/safe-text';
import { REPORTING_AGENCIES, ReportingAgency } from 'src/reference/code-lists';

const UNIT_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

export class CreateReportingUnitDto {
  /** Upper-case letters, digits and single hyphens (`FIA-PUNJAB`); it never changes. */
  @IsString() @MaxLength(40) @Matches(UNIT_CODE) code!: string;
  @SafeText({ min: 2, max: 200 }) name!: string;
  @IsIn(REPORTING_AGENCIES) agency!: ReportingAgency;
  /** The jurisdictions (ISO 3166-2) the unit registers cases in; at least one. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^PK-[A-Z]{2}$/, { each: true })
  jurisdictions!: string[];
}

export class UpdateReportingUnitDto {
  @Optional() @SafeText({ min: 2, max: 200 }) name?: string;
  /** Only while the unit has no cases. */
  @Optional() @IsIn(REPORTING_AGENCIES) agency?: ReportingAgency;
  /**
   * The whole new set. A jurisdiction in which the unit has cases cannot be taken away. A
   * change ends every session of the unit's focal persons.
   */
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^PK-[A-Z]{2}$/, { each: true })
  jurisdictions?: string[];
  /** false: the unit's focal persons are signed out and cannot sign in; its cases and figures stay. */
  @Optional() @IsBoolean() active?: boolean;
}
