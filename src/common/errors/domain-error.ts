import { ErrorCode } from 'src/common/errors/error-codes';

/** One problem with one input field: `field` is a path such as `victims[2].age`. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
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
    /** Shown with the problem: `errors` lists every field (or spreadsheet cell) at fault. */
    readonly extra: { errors?: ReadonlyArray<FieldProblem | object>; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}
