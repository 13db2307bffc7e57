import { EntitySubscriberInterface, EventSubscriber, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { DomainError } from 'src/common/errors/domain-error';
import { SubmissionErrors } from 'src/common/errors/error-codes';
import { capturedIn, endCapture, LockedChange, lockedChanges } from 'src/submissions/month-locks';

/** The refusal of a write that would change figures of approved months (the first unit's, when several). */
export function monthLockedError(changes: readonly LockedChange[]): DomainError {
  const reportingUnit = changes[0].reportingUnit;
  const months = [...new Set(changes.filter((c) => c.reportingUnit === reportingUnit).flatMap((c) => c.months))].sort();
  return new DomainError(
    SubmissionErrors.MONTH_LOCKED,
    `The change would alter figures of ${months.join(', ')} of ${reportingUnit}, approved and locked; an administrator must re-open the month first`,
    { months, reportingUnit },
  );
}

/**
 * Refuses, just before it commits, a transaction that changed a figure of an approved month
 * (see month-locks.ts): the commit throws, and the transaction is rolled back. A transaction
 * that captured no case of a unit with an approved month is not looked at.
 */
@EventSubscriber()
export class MonthLockSubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (!capturedIn(event.queryRunner)) return;
    const changes = await lockedChanges(event.manager);
    if (changes.length) throw monthLockedError(changes);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    endCapture(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    endCapture(event.queryRunner);
  }
}
