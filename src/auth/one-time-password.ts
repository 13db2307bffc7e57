import { randomInt } from 'node:crypto';
import { passwordProblem } from 'src/auth/password-policy';

/**
 * Digits and lower-case consonants, without those read or heard as one another (0/o, 1/l/i)
 * and without vowels, so that no word is ever spelt: 27 symbols.
 */
export const ONE_TIME_ALPHABET = '23456789bcdfghjkmnpqrstvwxz';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A password for an admin to hand over, which its user must replace at the next sign-in:
 * four groups of five symbols (`k7m2q-9xbtd-…`), about 95 bits from the operating system's
 * random source, easy to read out and type. It passes the password policy like any other.
 */
export function generateOneTimePassword(account: { email: string }): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    // a random draw the policy refuses (a piece of the e-mail, say) is all but impossible; draw again if it happens
    if (!passwordProblem(password, account)) return password;
  }
}
