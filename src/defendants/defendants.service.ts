import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseChildren } from 'src/cases/case-children';
import { cnicHashOf, unknownCountries } from 'src/cases/person-checks';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { Defendant } from 'src/defendants/defendant.entity';
import { DefendantsRepository } from 'src/defendants/defendants.repository';
import { UpdateDefendantDto } from 'src/defendants/dto/defendant.dto';
import { ReferenceRepository } from 'src/reference/reference.repository';

const PLAIN_FIELDS = ['ref', 'name', 'sex', 'age', 'nationality', 'role', 'custodyStatus', 'groupName'] as const;

@Injectable()
export class DefendantsService {
  private readonly children: CaseChildren<Defendant>;

  constructor(
    defendants: DefendantsRepository,
    transactions: Transactions,
    private readonly reference: ReferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    access: CaseAccess,
    audit: AuditService,
  ) {
    this.children = new CaseChildren(defendants, transactions, access, audit, 'defendant');
  }

  list(user: AuthUser, caseId: string): Promise<Defendant[]> {
    return this.children.list(user, caseId);
  }

  get(user: AuthUser, caseId: string, id: string): Promise<Defendant> {
    return this.children.get(user, caseId, id);
  }

  /** Removing a defendant removes their prosecution too; refused if the case would become inconsistent. */
  remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    return this.children.remove(user, caseId, id);
  }

  /** Creates (id null) or changes a defendant. */
  write(user: AuthUser, caseId: string, id: string | null, dto: UpdateDefendantDto): Promise<Defendant> {
    return this.children.write(user, caseId, id, async (manager, defendant, problems) => {
      problems.push(...(await unknownCountries(this.reference, manager, { nationality: dto.nationality })));
      for (const field of PLAIN_FIELDS)
        if (dto[field] !== undefined) (defendant as unknown as Record<string, unknown>)[field] = dto[field];
      const hash = cnicHashOf(dto.cnic, this.config.cnicHmacSecret, problems);
      if (hash !== undefined) defendant.cnicHash = hash;
    });
  }
}
