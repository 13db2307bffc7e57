import { PipeTransform } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain-error';
import { CommonErrors } from 'src/common/errors/error-codes';
import { CommonFieldCodes } from 'src/common/errors/field-codes';

/**
 * A code taken from the path (a jurisdiction, a district P-code), upper-cased and checked
 * against its pattern, so that nothing else (a NUL byte, a long string) reaches a query.
 */
export class ParseCodePipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
  ) {}

  transform(value: string): string {
    const code = String(value).toUpperCase();
    if (this.pattern.test(code)) return code;
    throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The request has invalid fields', {
      errors: [
        {
          field: this.field,
          code: CommonFieldCodes.MATCHES,
          message: `${this.field} must match ${this.pattern.source}`,
        },
      ],
    });
  }
}
