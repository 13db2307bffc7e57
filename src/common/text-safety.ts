import { CommonFieldCodes } from 'src/common/errors/field-codes';

/**
 * Characters refused in every free-text field, whether typed into the API or read from an
 * upload: control characters (PostgreSQL cannot store NUL, and the others only hide or
 * garble text) and the Unicode bidirectional controls, which can make a spreadsheet cell
 * or a list display something other than what is stored. Urdu and Arabic text displays
 * correctly without them (the zero-width joiner and non-joiner stay allowed). Text that is not
 * valid Unicode (a lone surrogate, which JSON can carry) is refused rather than altered.
 */
// Unicode's control characters (U+0000–U+001F, U+007F–U+009F) other than tab, line feed and carriage return
const CONTROL_CHARACTER = /(?![\t\n\r])\p{Cc}/u;
const LINE_BREAK = /[\t\n\r]/;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblemCode =
  | typeof CommonFieldCodes.CONTROL_CHARACTER
  | typeof CommonFieldCodes.BIDI_CONTROL
  | typeof CommonFieldCodes.LONE_SURROGATE;

export interface TextProblem {
  readonly code: TextProblemCode;
  /** Says which kind of character, never the text. */
  readonly message: string;
}

/**
 * Why a text may not be stored, or null when it may. `multiline` text (remarks) may hold
 * tabs and line breaks; single-line text (names, places) may not.
 */
export function textProblem(text: string, options: { multiline?: boolean } = {}): TextProblem | null {
  const multiline = options.multiline ?? false;
  if (CONTROL_CHARACTER.test(text) || (!multiline && LINE_BREAK.test(text))) {
    return {
      code: CommonFieldCodes.CONTROL_CHARACTER,
      message: textProblemMessage(CommonFieldCodes.CONTROL_CHARACTER, multiline),
    };
  }
  if (BIDI_CONTROL.test(text))
    return {
      code: CommonFieldCodes.BIDI_CONTROL,
      message: textProblemMessage(CommonFieldCodes.BIDI_CONTROL, multiline),
    };
  // half of a UTF-16 pair cannot be stored as UTF-8: it would silently become U+FFFD
  if (LONE_SURROGATE.test(text))
    return {
      code: CommonFieldCodes.LONE_SURROGATE,
      message: textProblemMessage(CommonFieldCodes.LONE_SURROGATE, multiline),
    };
  return null;
}

export function textProblemMessage(code: TextProblemCode, multiline: boolean): string {
  if (code === CommonFieldCodes.LONE_SURROGATE)
    return 'must be valid Unicode (it holds half of a UTF-16 surrogate pair, U+D800–U+DFFF)';
  if (code === CommonFieldCodes.BIDI_CONTROL)
    return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)';
  return multiline
    ? 'must not contain control characters other than tab and line breaks'
    : 'must not contain control characters or line breaks';
}
