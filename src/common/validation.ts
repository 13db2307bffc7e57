import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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
  loneSurrogate: CommonFieldCodes.LONE_SURROGATE,
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

/**
 * Keys that name an object's prototype machinery. class-transformer passes `constructor` by
 * without the whitelist seeing it, so they are refused here, at any depth, as unknown fields.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function prototypeKeys(value: unknown, prefix = ''): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const path = Array.isArray(value) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    const own: FieldProblem[] = PROTOTYPE_KEYS.has(key)
      ? [{ field: path, code: CommonFieldCodes.UNKNOWN_FIELD, message: `${path} is not an accepted field` }]
      : [];
    return [...own, ...prototypeKeys((value as Record<string, unknown>)[key], path)];
  });
}

/** The whitelist with prototype keys refused too, and every problem as field problems. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = prototypeKeys(value);
      if (errors.length)
        throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The request has invalid fields', { errors });
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
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
