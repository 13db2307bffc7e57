import { passwordProblem } from 'src/auth/password-policy';

const account = { email: 'Ayesha.Khan@npb.gov.pk' };
const code = (password: string) => passwordProblem(password, account)?.code ?? null;

describe('passwordProblem', () => {
  it('accepts long passphrases and random strings', () => {
    for (const ok of [
      'correct horse battery staple',
      'tiger lily on the roof',
      'Lahore Karachi 2024!',
      'vN7#qL2!pX9@wR4$',
      'گلابی بادل آسمان پر',
    ]) {
      expect([ok, code(ok)]).toEqual([ok, null]);
    }
  });

  it('refuses each weakness the review found, saying why', () => {
    expect(code('short pass')).toBe('AUTH.PASSWORD_TOO_SHORT');
    expect(code(' '.repeat(12))).toBe('AUTH.PASSWORD_BLANK');
    expect(code('\t \u00A0'.repeat(4))).toBe('AUTH.PASSWORD_BLANK');
    expect(code('a'.repeat(12))).toBe('AUTH.PASSWORD_REPEATED');
    expect(code('7'.repeat(30))).toBe('AUTH.PASSWORD_REPEATED');
    expect(code('password1234')).toBe('AUTH.PASSWORD_COMMON');
    expect(code('ayesha.khan@npb.gov.pk')).toBe('AUTH.PASSWORD_CONTAINS_EMAIL');
    expect(passwordProblem('password1234', account)?.message).toMatch(/common/);
  });

  it('refuses runs of letters or digits, up or down, wrapping round', () => {
    for (const run of [
      'abcdefghijkl',
      'ABCDEFGHIJKLMN',
      '123456789012',
      '987654321098',
      'zyxwvutsrqpo',
      'uvwxyzabcdef',
    ]) {
      expect([run, code(run)]).toEqual([run, 'AUTH.PASSWORD_SEQUENCE']);
    }
    expect(code('acegikmoqsuw')).not.toBe('AUTH.PASSWORD_SEQUENCE');
  });

  it('refuses the e-mail address, its local part or the name in it, whatever the case', () => {
    for (const weak of [
      'my Ayesha.Khan password',
      'AYESHA.KHAN@NPB.GOV.PK!',
      'khan of the mountains',
      'ayesha rides a bicycle',
    ]) {
      expect([weak, code(weak)]).toEqual([weak, 'AUTH.PASSWORD_CONTAINS_EMAIL']);
    }
    // short pieces of an address are not names
    expect(passwordProblem('correct horse battery staple', { email: 'al@x.pk' })).toBeNull();
  });

  it('refuses common passwords and small changes of them', () => {
    for (const common of ['qwertyuiopas', 'iloveyou1234', 'Pakistan@123', 'passwordpassword', 'letmein12345']) {
      expect([common, code(common)]).toEqual([common, expect.stringMatching(/PASSWORD_(COMMON|GUESSABLE|SEQUENCE)/)]);
    }
  });

  it('answers quickly even for the longest password accepted', () => {
    const started = Date.now();
    expect(code('x1'.repeat(128))).not.toBeNull();
    expect(code('the quick brown fox '.repeat(12).slice(0, 256))).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
