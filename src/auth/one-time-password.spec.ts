import { generateOneTimePassword, ONE_TIME_ALPHABET } from 'src/auth/one-time-password';
import { passwordProblem } from 'src/auth/password-policy';

describe('one-time passwords', () => {
  const account = { email: 'ayesha.khan@npb.gov.pk' };

  it('are four groups of five unambiguous symbols that pass the password policy', () => {
    for (let i = 0; i < 50; i++) {
      const password = generateOneTimePassword(account);
      expect(password).toMatch(/^[2-9b-df-hj-km-np-tv-xz]{5}(-[2-9b-df-hj-km-np-tv-xz]{5}){3}$/);
      expect(passwordProblem(password, account)).toBeNull();
    }
  });

  it('are drawn afresh each time, every symbol of the alphabet in use', () => {
    const drawn = Array.from({ length: 200 }, () => generateOneTimePassword(account));
    expect(new Set(drawn).size).toBe(drawn.length);
    const symbols = new Set(drawn.join('').replace(/-/g, ''));
    // 16,000 draws from 27 symbols: each appears (a missing one has odds below 10^-200)
    expect([...symbols].sort().join('')).toBe([...ONE_TIME_ALPHABET].sort().join(''));
  });
});
