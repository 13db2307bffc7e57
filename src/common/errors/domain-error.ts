import { ErrorCode } from 'src/common/errors/error-codes';
import { FieldCode } from 'src/common/errors/field-codes';

/** One problem with one input field: `field` is a path such as `victims[2].age`. */
export interface FieldProblem<C extends FieldCode = FieldCode> {
  readonly field: string;
  readonly code: C;
  readonly message: string;
}

/**
 * The only error services throw. Its message is shown to the caller, so it must never
 * contain a personal value (a name, a CNIC, a victim detail).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Shown with the problem: `errors` lists every field at fault. */
    readonly extra: { errors?: readonly FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}
