import { maskCnicField, maskCnics } from 'src/common/cnic';
import { cnicColumns, maskedCell, maskedSheetName } from 'src/imports/report-masking';

/** Any 13 digits in a row, however separated: what must never be readable in a report. */
const readableCnic = /\p{Nd}(?:[\p{Pd}\u2212\p{Zs}.]?\p{Nd}){12}/u;

describe('CNICs in the error report', () => {
  it('masks a CNIC however it is written, keeping the first five digits and the last', () => {
    const written = [
      '35202-9876543-1',
      '3520298765431',
      '35202 9876543 1',
      '35202.9876543.1',
      '35202–9876543–1',
      '35202\u22129876543\u22121',
      ' 35202-9876543-1 ',
      '35202\u00a09876543\u00a01',
      '٣٥٢٠٢٩٨٧٦٥٤٣١',
    ];
    for (const text of written) {
      const masked = maskCnics(text);
      expect(masked).not.toMatch(readableCnic);
      expect(masked).not.toContain('9876543');
      expect(masked).not.toContain('٩٨٧٦٥٤٣');
      expect(masked.trim()).toMatch(/^(35202|٣٥٢٠٢)-\*{7}-(1|١)$/u);
    }
  });

  it('masks CNICs inside any text and leaves shorter numbers alone', () => {
    expect(
      maskCnics('gang of 35202-9876543-1 and 3520212345672, FIR 0012/2024 on 15-01-2024, mobile 0300-1234567'),
    ).toBe('gang of 35202-*******-1 and 35202-*******-2, FIR 0012/2024 on 15-01-2024, mobile 0300-1234567');
  });

  it('hides every digit of a longer run, which may be CNICs written together', () => {
    for (const text of ['3520298765431 3520212345672', '35202987654313520212345672', '35202-9876543-12']) {
      expect(maskCnics(text)).not.toMatch(/\d/);
    }
  });

  it('in a CNIC column hides every digit of what is not one CNIC', () => {
    expect(maskCnicField('35202-9876543-1')).toBe('35202-*******-1');
    expect(maskCnicField('35202-98765-1')).toBe('*****-*****-*');
    expect(maskCnicField('352029876543')).toBe('************');
    expect(maskCnicField('not known')).toBe('not known');
  });

  it('finds the CNIC columns by header on any sheet, repeated or not', () => {
    expect([...cnicColumns(['District', 'Name', 'CNIC', 'Remarks', ' cnic ', null, 42])]).toEqual([2, 4]);
    expect(cnicColumns(['District', 'FIR No']).size).toBe(0);
  });

  it('masks cells by column: numbers too, since a CNIC typed without dashes is one to a spreadsheet', () => {
    expect(maskedCell(3520298765431, false)).toBe('35202-*******-1');
    expect(maskedCell(3520298765431, true)).toBe('35202-*******-1');
    expect(maskedCell(12345, true)).toBe('*****');
    expect(maskedCell(17, false)).toBe(17);
    expect(maskedCell('Shahid Rehmatullah', false)).toBe('Shahid Rehmatullah');
    const date = new Date('2024-01-15');
    expect(maskedCell(date, true)).toBe(date);
    expect(maskedCell(null, true)).toBeNull();
  });

  it('names a sheet without a CNIC, nor a character a sheet name cannot hold', () => {
    expect(maskedSheetName('Victims 35202-9876543-1')).toBe('Victims 35202-#######-1');
  });
});
