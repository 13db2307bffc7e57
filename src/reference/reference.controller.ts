import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ReferenceService } from 'src/reference/reference.service';
import { ROLES } from 'src/users/user.entity';

@ApiTags('reference data')
@Controller({ path: 'reference' })
@Roles(...ROLES)
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** ISO 3166-1 countries (alpha-3, alpha-2, English name). */
  @Get('countries')
  countries(): Promise<Array<{ alpha3: string; alpha2: string; name: string }>> {
    return this.reference.countries();
  }

  /** Law sections with the offence family each evidences. */
  @Get('law-sections')
  lawSections(): Promise<Array<{ code: string; act: string; section: string; family: string; title: string }>> {
    return this.reference.lawSections();
  }

  /** Every coded list: exploitation forms, vulnerabilities, defendant roles and the fixed enumerations. */
  @Get('code-lists')
  codeLists(): Promise<Record<string, Array<{ code: string; label: string }>>> {
    return this.reference.codeLists();
  }
}
