import * as zlib from 'node:zlib';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  readonly name: string;
  readonly data: Buffer | string;
  /** Stored as written (no compression). */
  readonly store?: boolean;
  /** The uncompressed size the directory declares, when it is to lie. */
  readonly declaredSize?: number;
  /** Already deflated (a part too large to hold inflated), with its true size and CRC. */
  readonly deflated?: { readonly body: Buffer; readonly size: number; readonly crc: number };
}

/** A part deflated as it is generated, never held whole: for parts of hundreds of megabytes. */
export function deflatedPart(name: string, chunks: Iterable<string>): ZipPart {
  const parts: Buffer[] = [];
  let size = 0;
  let crc = 0;
  // each chunk deflated on its own and flushed to a byte boundary: the pieces join into one stream
  for (const chunk of chunks) {
    const data = Buffer.from(chunk, 'utf8');
    size += data.length;
    crc = zlib.crc32(data, crc);
    parts.push(zlib.deflateRawSync(data, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  parts.push(Buffer.from([0x03, 0x00])); // an empty final block ends the stream
  return { name, data: '', deflated: { body: Buffer.concat(parts), size, crc } };
}

/** A zip of the given parts in the given order, as a hostile or unusual writer would make it. */
export function zipParts(parts: ReadonlyArray<ZipPart>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const body = part.deflated?.body ?? (part.store ? data : deflateRawSync(data));
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? part.deflated?.size ?? data.length;
    const crc = part.deflated?.crc ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal workbook around the given sheets' XML (sheetData inner XML), in openpyxl's layout by default. */
export function minimalWorkbook(
  sheets: ReadonlyArray<{ name: string; rows: string; state?: string }>,
  options: { sharedStrings?: string; styles?: string; absoluteTargets?: boolean; prefix?: string } = {},
): ZipPart[] {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const target = (path: string) => (options.absoluteTargets === false ? path.replace(/^\/xl\//, '') : path);
  const rels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${RELS}/worksheet" Target="${target(`/xl/worksheets/sheet${i + 1}.xml`)}"/>`,
  );
  if (options.sharedStrings)
    rels.push(`<Relationship Id="rSS" Type="${RELS}/sharedStrings" Target="${target('/xl/sharedStrings.xml')}"/>`);
  if (options.styles) rels.push(`<Relationship Id="rST" Type="${RELS}/styles" Target="${target('/xl/styles.xml')}"/>`);
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><${p}workbook ${ns} xmlns:r="${RELS}"><${p}sheets>${sheets
        .map(
          (s, i) =>
            `<${p}sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`,
        )
        .join('')}</${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0"?><${p}worksheet ${ns}><${p}sheetData>${s.rows}</${p}sheetData></${p}worksheet>`,
    })),
    ...(options.sharedStrings
      ? [
          {
            name: 'xl/sharedStrings.xml',
            data: `<?xml version="1.0"?><sst xmlns="${MAIN}">${options.sharedStrings}</sst>`,
          },
        ]
      : []),
    ...(options.styles
      ? [
          {
            name: 'xl/styles.xml',
            data: `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>`,
          },
        ]
      : []),
  ];
}
