import { deflatedPart, minimalWorkbook, ZipPart, zipParts } from 'test/support/zip-writer';

/**
 * Hostile workbooks of the kinds a probe of the service used, generated here rather than
 * committed (they inflate to hundreds of megabytes). Each is inside the upload cap.
 */
function* repeat(unit: string, times: number, perChunk = 10_000): Generator<string> {
  const chunk = unit.repeat(perChunk);
  for (let done = 0; done < times; done += perChunk) yield times - done >= perChunk ? chunk : unit.repeat(times - done);
}

const HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';

function withPart(parts: ZipPart[], part: ZipPart): ZipPart[] {
  return parts.map((p) => (p.name === part.name ? part : p));
}

/** ~3.5 MB whose shared-string table inflates, as declared, to ~400 MB of 9.7 million rich-text entries. */
export function sharedStringsBomb(entries = 9_700_000): Buffer {
  const parts = minimalWorkbook([{ name: 'Cases', rows: HEADER }], { sharedStrings: '<si><t>x</t></si>' });
  const sst = deflatedPart(
    'xl/sharedStrings.xml',
    (function* () {
      yield '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
      yield* repeat('<si><r><rPr><b/></rPr><t>abc</t></r></si>', entries);
      yield '</sst>';
    })(),
  );
  return zipParts(withPart(parts, sst));
}

/** A worksheet that declares `declared` bytes and inflates to about `bytes` of blank cells. */
export function lyingWorksheet(bytes = 1024 * 1024 * 1024, declared = 500_000): Buffer {
  const parts = minimalWorkbook([{ name: 'Cases', rows: '' }]);
  const unit = '<c r="B2"/>';
  const sheet = deflatedPart(
    'xl/worksheets/sheet1.xml',
    (function* () {
      yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2">';
      yield* repeat(unit, Math.floor(bytes / unit.length), 50_000);
      yield '</row></sheetData></worksheet>';
    })(),
  );
  return zipParts(withPart(parts, { ...sheet, deflated: { ...sheet.deflated!, size: declared } }));
}

/** A worksheet that is one run of blank text, declared small. */
export function whitespaceWorksheet(bytes = 600 * 1024 * 1024): Buffer {
  const parts = minimalWorkbook([{ name: 'Cases', rows: '' }]);
  const sheet = deflatedPart(
    'xl/worksheets/sheet1.xml',
    (function* () {
      yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      yield* repeat(' ', bytes, 1 << 20);
      yield '</sheetData></worksheet>';
    })(),
  );
  return zipParts(withPart(parts, { ...sheet, deflated: { ...sheet.deflated!, size: 400_000 } }));
}

/** A CSV whose header has `columns` empty columns (24 MB by default). */
export function wideCsv(columns = 24_000_000): Buffer {
  return Buffer.from(`District,Police Station,FIR No,FIR Year${','.repeat(columns)}\nLahore,PS A,1,2024\n`);
}
