import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, Repository } from 'typeorm';

/**
 * Transaction boundaries: a service runs several repository calls in one transaction by
 * passing the EntityManager `run` gives it to each of them.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** The repository inside the caller's transaction, or on its own connection when there is none. */
export function within<T extends ObjectLiteral>(repository: Repository<T>, manager?: EntityManager): Repository<T> {
  return manager ? manager.getRepository(repository.target) : repository;
}
