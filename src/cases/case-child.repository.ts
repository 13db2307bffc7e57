import { DeepPartial, EntityManager, FindOptionsOrder, FindOptionsWhere, Repository } from 'typeorm';
import { within } from 'src/database/transactions';

export interface CaseChild {
  id: string;
  caseId: string;
  ref: string;
  importBatchId: string | null;
}

/** The rows of the persons of a case (victims, defendants), always reached through their case. */
export abstract class CaseChildRepository<T extends CaseChild> {
  protected constructor(protected readonly rows: Repository<T>) {}

  list(caseId: string): Promise<T[]> {
    return this.rows.find({ where: { caseId } as FindOptionsWhere<T>, order: { ref: 'ASC' } as FindOptionsOrder<T> });
  }

  find(caseId: string, id: string, manager?: EntityManager): Promise<T | null> {
    return within(this.rows, manager).findOneBy({ id, caseId } as FindOptionsWhere<T>);
  }

  /** A new person of the case, not yet saved. */
  create(caseId: string, manager?: EntityManager): T {
    return within(this.rows, manager).create({ caseId, importBatchId: null } as DeepPartial<T>);
  }

  async save(person: T, manager?: EntityManager): Promise<void> {
    await within(this.rows, manager).save(person);
  }

  async delete(caseId: string, id: string, manager?: EntityManager): Promise<void> {
    await within(this.rows, manager).delete({ id, caseId } as FindOptionsWhere<T>);
  }
}
