import { textProblem } from 'src/common/text-safety';

describe('textProblem', () => {
  it('accepts ordinary Latin and Urdu text, with joiners', () => {
    for (const text of ['PS Civil Lines', 'تھانہ سول لائنز', 'Muhammad Ali s/o Ahmed', 'ن\u200Cا', ''])
      expect(textProblem(text)).toBeNull();
  });

  it('refuses NUL and every other C0 and C1 control, and line breaks in single-line text', () => {
    for (let code = 0; code < 0x20; code++) {
      expect(textProblem(`a${String.fromCharCode(code)}b`)?.code).toBe('COMMON.CONTROL_CHARACTER');
    }
    for (const code of [0x7f, 0x85, 0x9f])
      expect(textProblem(`a${String.fromCharCode(code)}b`)?.code).toBe('COMMON.CONTROL_CHARACTER');
  });

  it('lets multiline text keep tab, CR and LF but nothing else below U+0020', () => {
    expect(textProblem('line one\r\n\tline two', { multiline: true })).toBeNull();
    expect(textProblem('a\u0000b', { multiline: true })?.code).toBe('COMMON.CONTROL_CHARACTER');
    expect(textProblem('a\u000Bb', { multiline: true })?.code).toBe('COMMON.CONTROL_CHARACTER');
  });

  it('refuses every bidirectional control, in any text', () => {
    const bidi = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const code of bidi) {
      expect(textProblem(`exe.${String.fromCharCode(code)}txt`)?.code).toBe('COMMON.BIDI_CONTROL');
      expect(textProblem(`exe.${String.fromCharCode(code)}txt`, { multiline: true })?.code).toBe('COMMON.BIDI_CONTROL');
    }
    expect(textProblem('\u202A')?.message).not.toContain('\u202A');
  });

  it('refuses half of a surrogate pair, and keeps whole pairs (emoji)', () => {
    for (const text of ['a\uD800b', 'a\uDC00b', '\uDBFF', 'ok\uDFFF', '\uDC00\uD800'])
      expect(textProblem(text)?.code).toBe('COMMON.LONE_SURROGATE');
    expect(textProblem('family 👩‍👩‍👧 flag 🇵🇰')).toBeNull();
  });
});
