import { expect } from '@jest/globals';
import { age, cnic, code, count, date, lawSections, sex, text, westernDigits, yesNo } from 'src/imports/parsing/values';
import { CASE_STATUSES, EXPLOITATION_FORMS } from 'src/reference/code-lists';
import { resolveCountry } from 'src/reference/countries';

describe('spreadsheet values', () => {
  it('reads dates the ways people write them, day first', () => {
    for (const written of ['15/03/2024', '15-03-2024', '15.03.2024', '2024-03-15', '15/3/2024'])
      expect([written, date(written, false)]).toEqual([written, '2024-03-15']);
    expect(date(new Date(Date.UTC(2024, 2, 15)), false)).toBe('2024-03-15');
    expect(date(45366, false)).toBe('2024-03-15'); // 1900 system serial
    expect(date(45366 - 1462, true)).toBe('2024-03-15'); // 1904 system serial
    for (const bad of ['31/02/2024', '15/3/24', 'March 15', '2024/03/15'])
      expect(() => date(bad, false)).toThrow(/expected a date/);
  });

  it('reads ages, sexes, yes/no and counts', () => {
    expect([age('17'), age('17 yrs'), age('17 years'), age(17), age('unknown'), age(null)]).toEqual([
      17,
      17,
      17,
      17,
      null,
      null,
    ]);
    for (const bad of [121, -1, 12.5, 'seventeen']) expect(() => age(bad)).toThrow();
    expect(
      ['M', 'boy', 'Woman', 'girl', 'TG', 'Khawaja Sira', 'khwaja sira', 'X', 'U', null].map((v) => sex(v)),
    ).toEqual([
      'male',
      'male',
      'female',
      'female',
      'transgender',
      'transgender',
      'transgender',
      'transgender',
      'unknown',
      'unknown',
    ]);
    expect([yesNo('Y'), yesNo('no'), yesNo('1'), yesNo(0), yesNo(null)]).toEqual([true, false, true, false, null]);
    expect([count('1,500,000', 1e12), count(84, 100)]).toEqual([1500000, 84]);
    expect(() => count('1.5', 100)).toThrow();
  });

  it('reads dates with the month named, in any case, with a two-digit year only where one year fits', () => {
    const written = [
      '15-Mar-2024',
      '15 March 2024',
      'Mar 15, 2024',
      'march 15 2024',
      '15/Mar/2024',
      '15.MAR.2024',
      '15-mar-24',
      '15th March, 2024',
      'Mar. 15, 2024',
    ];
    for (const w of written) expect([w, date(w, false, 2026)]).toEqual([w, '2024-03-15']);
    expect(['1 Sept 2023', '1 Sep 2023', '1 September 2023'].map((w) => date(w, false, 2026))).toEqual(
      Array(3).fill('2023-09-01'),
    );
    // 65 can only be 1965 (2065 has not come), 26 only 2026; no year from 1947 to 2026 ends in 30
    expect([date('01-Jan-65', false, 2026), date('01-Jan-26', false, 2026)]).toEqual(['1965-01-01', '2026-01-01']);
    for (const bad of ['01-Jan-30', '31-Feb-2024', 'Smarch 15, 2024', '15 March', '15-Mar-202'])
      expect(() => date(bad, false, 2026)).toThrow(/expected a date/);
  });

  it('reads Urdu and Arabic-Indic digits in numbers, years, ages, dates and CNICs', () => {
    const urdu = (ascii: string) => ascii.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const arabic = (ascii: string) => ascii.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    for (const digits of [urdu, arabic]) {
      expect(westernDigits(digits('0123456789'))).toBe('0123456789');
      expect(count(digits('2024'), 2100)).toBe(2024);
      expect(count(digits('1,500,000'), 1e12)).toBe(1_500_000);
      expect(age(digits('17') + ' yrs')).toBe(17);
      expect(date(digits('15/03/2024'), false)).toBe('2024-03-15');
      expect(date(digits('15') + '-Mar-' + digits('2024'), false)).toBe('2024-03-15');
      expect(cnic(digits('35202-9876543-1'))).toBe('3520298765431');
    }
  });

  it('treats non-breaking spaces as spaces and drops zero-width characters, in every text cell', () => {
    expect(text('\u00A0PS\u202FSaddar\u200B ')).toBe('PS Saddar');
    expect(text('\uFEFF0\u200C7\u200D7\u2060')).toBe('077');
    expect(code('Challan\u00A0Submitted\u200B', CASE_STATUSES, 'status')).toBe('challan_submitted');
    expect(date('15\u00A0March\u00A02024', false)).toBe('2024-03-15');
    expect([count('\u200B2024\u00A0', 2100), age('\u00A017\u00A0'), cnic('35202-9876543-1\u200B')]).toEqual([
      2024,
      17,
      '3520298765431',
    ]);
    expect(() => text('\u200B\u00A0')).not.toThrow();
    expect(text('\u200B\u00A0')).toBeNull();
    // the non-joiner shapes Urdu words, and stays in Urdu text
    expect(text('\u200Bتھانہ\u200Cسٹی')).toBe('تھانہ\u200Cسٹی');
  });

  it('refuses control and bidirectional control characters in text, line breaks only in remarks', () => {
    expect(() => text('PS \u202ESaddar')).toThrow(/bidirectional/);
    expect(() => text('PS\u0000Saddar')).toThrow(/control characters/);
    expect(() => text('PS\nSaddar')).toThrow(/line breaks/);
    expect(text('first line\nsecond', 4000, true)).toBe('first line\nsecond');
  });

  it('reads numbers stored as text as numbers, and identifiers stored as numbers as their digits', () => {
    expect([count('2024', 2100), count(' 2024 ', 2100), age(' 17 '), age(17)]).toEqual([2024, 2024, 17, 17]);
    expect([text(77), text(3520298765431), text(1e21), text('077'), text('  0123 ')]).toEqual([
      '77',
      '3520298765431',
      '1000000000000000000000',
      '077',
      '0123',
    ]);
    expect(cnic(3520298765431)).toBe('3520298765431');
    expect(() => cnic(352029876543)).toThrow(expect.objectContaining({ code: 'IMPORT.INVALID_CNIC' }));
    expect(() => count(new Date(), 2100)).toThrow(expect.objectContaining({ code: 'IMPORT.INVALID_NUMBER' }));
  });

  it('refuses a formula without a saved value and an Excel error value, each with its own code, naming only the error', () => {
    for (const read of [
      text,
      (c: Parameters<typeof text>[0]) => date(c, false),
      age,
      (c: Parameters<typeof text>[0]) => count(c, 10),
      yesNo,
      sex,
      cnic,
    ]) {
      expect(() => read({ formula: true })).toThrow(
        expect.objectContaining({
          code: 'IMPORT.FORMULA_WITHOUT_VALUE',
          message: expect.stringMatching(/no saved value.*save it/),
        }),
      );
      expect(() => read({ error: '#N/A' })).toThrow(
        expect.objectContaining({ code: 'IMPORT.ERROR_VALUE', message: expect.stringContaining('#N/A') }),
      );
    }
    // text in an error cell that is not an Excel error is never repeated
    expect(() => text({ error: 'Ali Khan 35202' })).toThrow(
      expect.objectContaining({ code: 'IMPORT.ERROR_VALUE', message: expect.not.stringMatching(/Ali|35202/) }),
    );
  });

  it('reads codes by code or label in any spelling, and law sections', () => {
    expect(
      ['Challan Submitted', 'challan_submitted', 'CHALLAN-SUBMITTED'].map((v) => code(v, CASE_STATUSES, 'status')),
    ).toEqual(Array(3).fill('challan_submitted'));
    expect(code('forced labour', EXPLOITATION_FORMS, 'form')).toBe('forced_labour');
    expect(lawSections('PTPA 3, PPC 371-A, ppc-371a, PPC 366 A')).toEqual(['PTPA-3', 'PPC-371A', 'PPC-366A']);
    expect(() => lawSections('PPC 999')).toThrow();
  });

  it('never echoes the value in a message', () => {
    try {
      age('35202-1234567-1');
    } catch (e) {
      expect((e as Error).message).not.toContain('35202');
    }
  });

  it('resolves nationalities by name, demonym and code', () => {
    expect(
      ['Pakistani', 'Afghan', 'AF', 'AFG', 'Iran', 'Burmese', 'Emirati', 'Saudi', 'Nepali', 'Sri Lankan'].map(
        resolveCountry,
      ),
    ).toEqual(['PAK', 'AFG', 'AFG', 'AFG', 'IRN', 'MMR', 'ARE', 'SAU', 'NPL', 'LKA']);
    expect(resolveCountry('Atlantis')).toBeNull();
  });
});
