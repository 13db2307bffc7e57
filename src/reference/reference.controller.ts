import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { CodeListsResponse, CountryResponse, LawSectionResponse } from 'src/reference/dto/reference.response';
import { ReferenceService } from 'src/reference/reference.service';
import { ROLES } from 'src/users/user.entity';

@ApiTags('reference data')
@Controller({ path: 'reference' })
@Roles(...ROLES)
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** ISO 3166-1 countries (alpha-3, alpha-2, English name). */
  @Get('countries')
  countries(): Promise<CountryResponse[]> {
    return this.reference.countries();
  }

  /** Law sections with the offence family each evidences. */
  @Get('law-sections')
  lawSections(): Promise<LawSectionResponse[]> {
    return this.reference.lawSections();
  }

  /** Every coded list: exploitation forms, vulnerabilities, defendant roles and the fixed enumerations. */
  @Get('code-lists')
  codeLists(): Promise<CodeListsResponse> {
    return this.reference.codeLists();
  }
}
