import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CommonErrors } from 'src/common/errors/error-codes';

/** Flattens class-validator's tree into one problem per field and rule (no input values). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: path,
      code: rule === 'whitelistValidation' ? 'UNKNOWN_FIELD' : rule.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      message: rule === 'whitelistValidation' ? `${path} is not an accepted field` : message,
    }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError(CommonErrors.VALIDATION_FAILED, 'The request has invalid fields', { errors: fieldProblems(errors) }),
  });
}
