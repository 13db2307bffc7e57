import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseChildren } from 'src/cases/case-children';
import { cnicHashOf, unknownCountries } from 'src/cases/person-checks';
import { CaseFieldCodes } from 'src/common/errors/field-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { ReferenceRepository } from 'src/reference/reference.repository';
import { UpdateVictimDto } from 'src/victims/dto/victim.dto';
import { Victim } from 'src/victims/victim.entity';
import { VictimsRepository } from 'src/victims/victims.repository';

const PLAIN_FIELDS = [
  'ref',
  'sex',
  'age',
  'ageEstimated',
  'nationality',
  'residenceCountry',
  'exploitationForms',
  'vulnerabilities',
  'identifiedOn',
  'referredTo',
  'repatriated',
] as const;

@Injectable()
export class VictimsService {
  private readonly children: CaseChildren<Victim>;

  constructor(
    victims: VictimsRepository,
    transactions: Transactions,
    private readonly reference: ReferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    access: CaseAccess,
    private readonly districts: DistrictResolver,
    audit: AuditService,
  ) {
    this.children = new CaseChildren(victims, transactions, access, audit, 'victim');
  }

  list(user: AuthUser, caseId: string): Promise<Victim[]> {
    return this.children.list(user, caseId);
  }

  get(user: AuthUser, caseId: string, id: string): Promise<Victim> {
    return this.children.get(user, caseId, id);
  }

  remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    return this.children.remove(user, caseId, id);
  }

  /** Creates (id null) or changes a victim. */
  async write(user: AuthUser, caseId: string, id: string | null, dto: UpdateVictimDto): Promise<Victim> {
    const lookup = await this.districts.load();
    return this.children.write(user, caseId, id, async (manager, victim, problems) => {
      problems.push(
        ...(await unknownCountries(this.reference, manager, {
          nationality: dto.nationality,
          residenceCountry: dto.residenceCountry,
        })),
      );
      for (const field of PLAIN_FIELDS)
        if (dto[field] !== undefined) (victim as unknown as Record<string, unknown>)[field] = dto[field];
      if (dto.residenceDistrict !== undefined) {
        const district = dto.residenceDistrict === null ? null : lookup.find(dto.residenceDistrict);
        if (dto.residenceDistrict !== null && !district)
          problems.push({
            field: 'residenceDistrict',
            code: CaseFieldCodes.UNKNOWN_DISTRICT,
            message: 'unknown district',
          });
        victim.residenceDistrictCode = district?.code ?? null;
      }
      const hash = cnicHashOf(dto.cnic, this.config.cnicHmacSecret, problems);
      if (hash !== undefined) victim.cnicHash = hash;
    });
  }
}
