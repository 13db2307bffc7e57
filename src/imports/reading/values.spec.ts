import { age, code, count, date, lawSections, sex, text, yesNo } from 'src/imports/reading/values';
import { CASE_STATUSES, EXPLOITATION_FORMS } from 'src/reference/code-lists';
import { resolveCountry } from 'src/reference/countries';

describe('spreadsheet values', () => {
  it('reads dates the ways people write them, day first', () => {
    for (const written of ['15/03/2024', '15-03-2024', '15.03.2024', '2024-03-15', '15/3/2024']) expect([written, date(written, false)]).toEqual([written, '2024-03-15']);
    expect(date(new Date(Date.UTC(2024, 2, 15)), false)).toBe('2024-03-15');
    expect(date(45366, false)).toBe('2024-03-15'); // 1900 system serial
    expect(date(45366 - 1462, true)).toBe('2024-03-15'); // 1904 system serial
    for (const bad of ['31/02/2024', '15/3/24', 'March 15', '2024/03/15']) expect(() => date(bad, false)).toThrow(/expected a date/);
  });

  it('reads ages, sexes, yes/no and counts', () => {
    expect([age('17'), age('17 yrs'), age('17 years'), age(17), age('unknown'), age(null)]).toEqual([17, 17, 17, 17, null, null]);
    for (const bad of [121, -1, 12.5, 'seventeen']) expect(() => age(bad)).toThrow();
    expect(['M', 'boy', 'Woman', 'girl', 'TG', 'Khawaja Sira', 'khwaja sira', 'X', 'U', null].map((v) => sex(v))).toEqual([
      'male', 'male', 'female', 'female', 'transgender', 'transgender', 'transgender', 'transgender', 'unknown', 'unknown',
    ]);
    expect([yesNo('Y'), yesNo('no'), yesNo('1'), yesNo(0), yesNo(null)]).toEqual([true, false, true, false, null]);
    expect([count('1,500,000', 1e12), count(84, 100)]).toEqual([1500000, 84]);
    expect(() => count('1.5', 100)).toThrow();
  });

  it('keeps identifiers as text and refuses formulas', () => {
    expect(text('  0123 ')).toBe('0123');
    expect(text(123)).toBe('123');
    expect(() => text({ formula: true })).toThrow(/formula/);
  });

  it('reads codes by code or label in any spelling, and law sections', () => {
    expect(['Challan Submitted', 'challan_submitted', 'CHALLAN-SUBMITTED'].map((v) => code(v, CASE_STATUSES, 'status'))).toEqual(Array(3).fill('challan_submitted'));
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
    expect(['Pakistani', 'Afghan', 'AF', 'AFG', 'Iran', 'Burmese', 'Emirati', 'Saudi', 'Nepali', 'Sri Lankan'].map(resolveCountry)).toEqual([
      'PAK', 'AFG', 'AFG', 'AFG', 'IRN', 'MMR', 'ARE', 'SAU', 'NPL', 'LKA',
    ]);
    expect(resolveCountry('Atlantis')).toBeNull();
  });
});
