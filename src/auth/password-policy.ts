import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from 'src/auth/passwords';
import { CodeOf } from 'src/common/errors/code-group';
import { AuthFieldCodes } from 'src/common/errors/field-codes';

/** Why a password is refused: a stable code and a sentence for the person choosing it. */
export interface PasswordProblem {
  readonly code: CodeOf<typeof AuthFieldCodes>;
  readonly message: string;
}

/** zxcvbn's score (0–4): 3 means about 10⁸ guesses or more, out of reach of an online attack and slow offline against argon2id. */
const MIN_SCORE = 3;

/** Built once: zxcvbn's offline dictionaries (≈ 49,000 common and breached passwords) and keyboard layouts. */
let estimator: ZxcvbnFactory | undefined;
function strength(password: string, userInputs: string[]) {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, userInputs);
}

const COMMON_WARNINGS = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned']);
const WHY_GUESSABLE: Record<string, string> = {
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats characters',
  extendedRepeat: 'it repeats a group of characters',
  sequences: 'it is built from a sequence such as abc or 123',
  recentYears: 'it is built from years',
  dates: 'it is built from a date',
  wordByItself: 'it is built from single common words',
  namesByThemselves: 'it is built from common names',
  commonNames: 'it is built from common names',
};

/**
 * Checks a new password as NIST SP 800-63B asks (no composition rules): at least
 * PASSWORD_MIN_LENGTH characters, not blank, not one character repeated, not a run such
 * as `abcdefghijkl` or `123456789012`, not containing the account's e-mail address or the
 * name in it, and not in (or a small change of) a list of common and breached passwords.
 */
export function passwordProblem(password: string, account: { email: string }): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return {
      code: AuthFieldCodes.PASSWORD_TOO_SHORT,
      message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    };
  }
  if (password.trim() === '')
    return { code: AuthFieldCodes.PASSWORD_BLANK, message: 'password must not be only spaces' };
  if (new Set(password).size === 1)
    return { code: AuthFieldCodes.PASSWORD_REPEATED, message: 'password must not be one character repeated' };
  if (isRun(password))
    return {
      code: AuthFieldCodes.PASSWORD_SEQUENCE,
      message: 'password must not be consecutive letters or digits in order (up or down)',
    };
  const personal = personalWords(account.email);
  const lower = password.toLowerCase();
  if (personal.some((word) => lower.includes(word))) {
    return {
      code: AuthFieldCodes.PASSWORD_CONTAINS_EMAIL,
      message: 'password must not contain the e-mail address or the name in it',
    };
  }
  const { score, feedback } = strength(password, personal);
  if (score >= MIN_SCORE) return null;
  if (feedback.warning && COMMON_WARNINGS.has(feedback.warning)) {
    return {
      code: AuthFieldCodes.PASSWORD_COMMON,
      message: 'password is, or is close to, one in a list of common and breached passwords',
    };
  }
  const why = (feedback.warning && WHY_GUESSABLE[feedback.warning]) ?? 'it is short for its kind of characters';
  return {
    code: AuthFieldCodes.PASSWORD_GUESSABLE,
    message: `password is too easy to guess: ${why}; a passphrase of several unrelated words is better`,
  };
}

/** The e-mail address, its local part, and the name-like words of the local part (`ali.khan` → `ali.khan`, `khan`). */
function personalWords(email: string): string[] {
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0];
  const names = local.split(/[^\p{L}]+/u).filter((word) => word.length >= 4);
  return [...new Set([address, ...(local.length >= 3 ? [local] : []), ...names])];
}

const ALPHABETS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz'];

/** Every character one step up (or every one step down) from the one before, in digits or in letters, wrapping round. */
function isRun(password: string): boolean {
  const text = password.toLowerCase();
  const alphabet = ALPHABETS.find((a) => [...text].every((c) => a.includes(c)));
  if (!alphabet) return false;
  const steps = new Set<number>();
  for (let i = 1; i < text.length; i++) {
    steps.add((alphabet.indexOf(text[i]) - alphabet.indexOf(text[i - 1]) + alphabet.length) % alphabet.length);
  }
  return steps.size === 1 && (steps.has(1) || steps.has(alphabet.length - 1));
}
