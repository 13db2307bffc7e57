import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CommonErrors } from 'src/common/errors/error-codes';
import { CommonFieldCode, CommonFieldCodes } from 'src/common/errors/field-codes';

/**
 * The code of each class-validator rule the DTOs use (src/common/validation.spec.ts finds
 * every rule of every DTO here); a rule missing from it would answer `COMMON.INVALID`.
 */
export const RULE_CODES: Readonly<Record<string, CommonFieldCode>> = {
  whitelistValidation: CommonFieldCodes.UNKNOWN_FIELD,
  unknownValue: CommonFieldCodes.UNKNOWN_VALUE,
  nestedValidation: CommonFieldCodes.NESTED_VALIDATION,
  isString: CommonFieldCodes.IS_STRING,
  isInt: CommonFieldCodes.IS_INT,
  isBoolean: CommonFieldCodes.IS_BOOLEAN,
  isArray: CommonFieldCodes.IS_ARRAY,
  isEmail: CommonFieldCodes.IS_EMAIL,
  isUuid: CommonFieldCodes.IS_UUID,
  isIn: CommonFieldCodes.IS_IN,
  isIso8601: CommonFieldCodes.IS_ISO8601,
  dateInRange: CommonFieldCodes.DATE_IN_RANGE,
  matches: CommonFieldCodes.MATCHES,
  min: CommonFieldCodes.MIN,
  max: CommonFieldCodes.MAX,
  minLength: CommonFieldCodes.MIN_LENGTH,
  maxLength: CommonFieldCodes.MAX_LENGTH,
  arrayMaxSize: CommonFieldCodes.ARRAY_MAX_SIZE,
  arrayMinSize: CommonFieldCodes.ARRAY_MIN_SIZE,
  arrayUnique: CommonFieldCodes.ARRAY_UNIQUE,
  controlCharacter: CommonFieldCodes.CONTROL_CHARACTER,
  bidiControl: CommonFieldCodes.BIDI_CONTROL,
};

/** Flattens class-validator's tree into one problem per field and rule (no input values). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: path,
      code: RULE_CODES[rule] ?? CommonFieldCodes.INVALID,
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
      new DomainError(CommonErrors.VALIDATION_FAILED, 'The request has invalid fields', {
        errors: fieldProblems(errors),
      }),
  });
}
