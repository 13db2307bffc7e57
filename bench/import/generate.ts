import { createWriteStream } from 'node:fs';
import * as ExcelJS from 'exceljs';

/**
 * A national workbook of `cases` cases (≈1.5 victims, 1.5 defendants and 1 prosecution
 * per case), consistent enough to commit: a quarter each registered, under investigation,
 * under trial and convicted with a split verdict.
 */
export async function generateWorkbook(
  path: string,
  districts: Array<{ name: string }>,
  cases = 100_000,
  /** Put before every FIR number, so that a file's cases are new to a database that took an earlier one. */
  firPrefix = '',
  /** Every `changeEvery`-th case (0: none) has its victims and defendants one year older: a month's corrections. */
  changeEvery = 0,
): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useStyles: false,
    useSharedStrings: false,
  });
  const iso = (day: number) => new Date(Date.UTC(2020, 0, 1) + day * 86400000).toISOString().slice(0, 10);
  const date = (base: number, plus = 0) =>
    iso(base + plus)
      .split('-')
      .reverse()
      .join('/');
  const firDay = (i: number) => i % 1800;
  const key = (i: number) => [
    districts[i % districts.length].name,
    `PS ${i % 50}`,
    `${firPrefix}${100000 + i}`,
    Number(iso(firDay(i)).slice(0, 4)),
  ];
  let rows = 0;

  const sheet = (name: string, headers: string[], each: (i: number, add: (row: unknown[]) => void) => void) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).commit();
    for (let i = 0; i < cases; i++)
      each(i, (row) => {
        ws.addRow(row).commit();
        rows++;
      });
    ws.commit();
  };
  const kinds = (i: number) => i % 4; // 0 registered, 1 under investigation, 2 under trial, 3 convicted
  const older = (i: number) => (changeEvery && i % changeEvery === 0 ? 1 : 0);

  sheet(
    'Cases',
    [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'FIR Date',
      'Offence Family',
      'Law Sections',
      'Trafficking Type',
      'Exploitation Forms',
      'Origin Country',
      'Origin District',
      'Destination Country',
      'Status',
      'Status Date',
      'Investigation Concluded On',
    ],
    (i, add) => {
      const d = firDay(i);
      const k = kinds(i);
      add([
        ...key(i),
        date(d),
        'TIP',
        'PTPA 3',
        i % 3 ? 'Internal' : 'Transnational',
        'Forced labour',
        'Pakistan',
        districts[(i * 7) % districts.length].name,
        i % 3 ? 'Pakistan' : 'Oman',
        ['Registered', 'Under Investigation', 'Under Trial', 'Convicted'][k],
        k === 0 ? null : date(d, [0, 3, 40, 200][k]),
        k >= 2 ? date(d, 30) : null,
      ]);
    },
  );
  sheet(
    'Victims',
    [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Victim Ref',
      'Sex',
      'Age',
      'Nationality',
      'Vulnerabilities',
      'Identified On',
    ],
    (i, add) => {
      for (let v = 1; v <= (i % 2 ? 2 : 1); v++)
        add([
          ...key(i),
          `V${v}`,
          ['F', 'M', 'Girl', 'Boy'][(i + v) % 4],
          (i + v) % 9 ? ((i + v) % 50) + older(i) : 'unknown',
          'Pakistani',
          'Child',
          date(firDay(i)),
        ]);
    },
  );
  sheet(
    'Defendants',
    [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Defendant Ref',
      'Sex',
      'Age',
      'Nationality',
      'Role',
      'Custody Status',
    ],
    (i, add) => {
      for (let v = 1; v <= (kinds(i) >= 2 ? 2 : 1); v++)
        add([...key(i), `D${v}`, 'Male', 20 + (i % 40) + older(i), 'PAK', 'Recruiter', 'Arrested']);
    },
  );
  sheet(
    'Prosecutions',
    [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Defendant Ref',
      'Charges',
      'Prosecution Date',
      'Outcome',
      'Outcome Date',
      'Sentence Months',
    ],
    (i, add) => {
      const k = kinds(i);
      if (k < 2) return;
      const d = firDay(i);
      add([
        ...key(i),
        'D1',
        'PTPA 3',
        date(d, 35),
        k === 3 ? 'Convicted' : 'Pending',
        k === 3 ? date(d, 200) : null,
        k === 3 ? 60 : null,
      ]);
      add([
        ...key(i),
        'D2',
        'PTPA 3',
        date(d, 35),
        k === 3 ? 'Acquitted' : 'Pending',
        k === 3 ? date(d, 200) : null,
        null,
      ]);
    },
  );
  await wb.commit();
  return { rows };
}
