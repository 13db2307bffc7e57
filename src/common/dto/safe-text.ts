import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { CommonFieldCodes } from 'src/common/errors/field-codes';
import { textProblem, textProblemMessage, TextProblemCode } from 'src/common/text-safety';

interface SafeTextOptions {
  readonly max: number;
  readonly min?: number;
  /** Tabs and line breaks allowed (remarks). */
  readonly multiline?: boolean;
  /** Applies to each element of an array. */
  readonly each?: boolean;
}

/** The class-validator rule of each code (src/common/validation.ts maps them back). */
const RULE_NAMES: Record<TextProblemCode, string> = {
  [CommonFieldCodes.CONTROL_CHARACTER]: 'controlCharacter',
  [CommonFieldCodes.BIDI_CONTROL]: 'bidiControl',
  [CommonFieldCodes.LONE_SURROGATE]: 'loneSurrogate',
};

function Refuses(code: TextProblemCode, multiline: boolean, each: boolean): PropertyDecorator {
  return ValidateBy(
    {
      name: RULE_NAMES[code],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value, { multiline })?.code !== code,
        defaultMessage: (args) => `${args?.property ?? 'text'} ${textProblemMessage(code, multiline)}`,
      },
    },
    { each },
  );
}

/**
 * A free-text field: a string of bounded length without control or bidirectional control
 * characters (see src/common/text-safety.ts). Every free-text field of every DTO uses it.
 */
export function SafeText(options: SafeTextOptions): PropertyDecorator {
  const multiline = options.multiline ?? false;
  const each = options.each ?? false;
  return applyDecorators(
    IsString({ each }),
    ...(options.min !== undefined ? [MinLength(options.min, { each })] : []),
    MaxLength(options.max, { each }),
    Refuses(CommonFieldCodes.CONTROL_CHARACTER, multiline, each),
    Refuses(CommonFieldCodes.BIDI_CONTROL, multiline, each),
    Refuses(CommonFieldCodes.LONE_SURROGATE, multiline, each),
  );
}
