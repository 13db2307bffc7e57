import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CaseChildRepository } from 'src/cases/case-child.repository';
import { within } from 'src/database/transactions';
import { Defendant } from 'src/defendants/defendant.entity';

@Injectable()
export class DefendantsRepository extends CaseChildRepository<Defendant> {
  constructor(@InjectRepository(Defendant) defendants: Repository<Defendant>) {
    super(defendants);
  }

  /** A defendant of any case (the caller checks which). */
  findById(id: string, manager?: EntityManager): Promise<Defendant | null> {
    return within(this.rows, manager).findOneBy({ id });
  }
}
