import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import { Conviction } from 'src/convictions/conviction.entity';
import { within } from 'src/database/transactions';
import { Prosecution } from 'src/prosecutions/prosecution.entity';

/** Prosecutions and the convictions they ended in. */
@Injectable()
export class ProsecutionsRepository {
  constructor(
    @InjectRepository(Prosecution) private readonly prosecutions: Repository<Prosecution>,
    @InjectRepository(Conviction) private readonly convictions: Repository<Conviction>,
  ) {}

  listOfCase(caseId: string): Promise<Prosecution[]> {
    return this.prosecutions.find({ where: { caseId }, order: { prosecutionDate: 'ASC', id: 'ASC' } });
  }

  find(caseId: string, id: string, manager?: EntityManager): Promise<Prosecution | null> {
    return within(this.prosecutions, manager).findOneBy({ id, caseId });
  }

  defendantProsecuted(defendantId: string, manager?: EntityManager): Promise<boolean> {
    return within(this.prosecutions, manager).existsBy({ defendantId });
  }

  create(fields: Omit<Prosecution, 'id' | 'createdAt' | 'updatedAt'>, manager?: EntityManager): Prosecution {
    return within(this.prosecutions, manager).create(fields);
  }

  async save(prosecution: Prosecution, manager?: EntityManager): Promise<void> {
    await within(this.prosecutions, manager).save(prosecution);
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    await within(this.prosecutions, manager).delete({ id });
  }

  convictionsOf(prosecutionIds: string[]): Promise<Conviction[]> {
    return prosecutionIds.length ? this.convictions.findBy({ prosecutionId: In(prosecutionIds) }) : Promise.resolve([]);
  }

  convictionOf(prosecutionId: string, manager?: EntityManager): Promise<Conviction | null> {
    return within(this.convictions, manager).findOneBy({ prosecutionId });
  }

  /** `existing` (or a new conviction of the prosecution) with `changes` applied, not yet saved. */
  mergeConviction(
    prosecutionId: string,
    existing: Conviction | null,
    changes: DeepPartial<Conviction>,
    manager?: EntityManager,
  ): Conviction {
    const convictions = within(this.convictions, manager);
    return convictions.merge(existing ?? convictions.create({ prosecutionId }), changes);
  }

  async saveConviction(conviction: Conviction, manager?: EntityManager): Promise<void> {
    await within(this.convictions, manager).save(conviction);
  }

  /** Deletes the prosecution's conviction; false when it had none. */
  async deleteConvictionOf(prosecutionId: string, manager?: EntityManager): Promise<boolean> {
    const result = await within(this.convictions, manager).delete({ prosecutionId });
    return Boolean(result.affected);
  }

  async deleteConviction(id: string, manager?: EntityManager): Promise<void> {
    await within(this.convictions, manager).delete({ id });
  }
}
