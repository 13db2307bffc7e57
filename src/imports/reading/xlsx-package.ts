import { posix } from 'node:path';
import { ReadFailureCodes, ReadLimitError, ReadLimits, UNREADABLE_MESSAGE } from './read-limits';
import { detached, parseXml, xmlParser, XmlTextRunError } from './xml-events';
import { findEntry, inflateChunks, InflateBudget, inflateSmall, ZipArchive, ZipEntry } from './zip-archive';

/**
 * The structure of a SpreadsheetML package read as the Open Packaging Conventions
 * (ECMA-376 Part 2) define it: the workbook found through the package's relationships,
 * every part named by its relationship target — absolute or relative to the source part's
 * folder, `..` allowed, percent-encoding decoded — and no part assumed by name, order or
 * presence beyond the workbook itself.
 */
const SMALL_PART = 8 * 1024 * 1024;

const REL = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

export const MAIN_CONTENT_TYPES = {
  readable: [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
    'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    'application/vnd.ms-excel.template.macroEnabled.main+xml',
  ],
  binary: 'application/vnd.ms-excel.sheet.binary.macroEnabled.main',
};

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** The part a relationship of `source` points to (an external target is null). */
export function resolveTarget(source: string, target: string, mode?: string): string | null {
  if (mode === 'External') return null;
  let path: string;
  try {
    path = decodeURIComponent(target.split('#')[0]);
  } catch {
    path = target;
  }
  path = path.replace(/\\/g, '/');
  const base = posix.dirname('/' + source.replace(/^\//, ''));
  const resolved = posix.normalize(path.startsWith('/') ? path : posix.join(base, path));
  return resolved.replace(/^\/+/, '');
}

function relationshipsPart(source: string): string {
  const dir = posix.dirname(source);
  return posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(source)}.rels`);
}

async function readRelationships(archive: ZipArchive, source: string): Promise<Relationship[]> {
  const entry = findEntry(archive.entries, source === '' ? '_rels/.rels' : relationshipsPart(source));
  if (!entry) return [];
  const out: Relationship[] = [];
  parseXml(await inflateSmall(archive, entry, SMALL_PART), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target) return;
      const target = resolveTarget(source, a.Target, a.TargetMode);
      if (target !== null) out.push({ type: a.Type ?? '', target });
    },
  });
  return out;
}

/** The content type of each part, from [Content_Types].xml. */
async function contentTypes(archive: ZipArchive): Promise<(part: string) => string | undefined> {
  const entry = findEntry(archive.entries, '[Content_Types].xml');
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  if (entry) {
    parseXml(await inflateSmall(archive, entry, SMALL_PART), {
      open(name, a) {
        if (name === 'Override' && a.PartName)
          overrides.set(a.PartName.replace(/^\//, '').toLowerCase(), a.ContentType ?? '');
        if (name === 'Default' && a.Extension) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? '');
      },
    });
  }
  return (part) => overrides.get(part.toLowerCase()) ?? defaults.get(posix.extname(part).slice(1).toLowerCase());
}

/** The package's main part and its content type (what the file is), if it has one. */
export async function mainPart(archive: ZipArchive): Promise<{ part: string; contentType: string } | null> {
  const office = (await readRelationships(archive, '')).find((r) => REL.officeDocument.test(r.type));
  const typeOf = await contentTypes(archive);
  if (office && findEntry(archive.entries, office.target))
    return { part: office.target, contentType: typeOf(office.target) ?? '' };
  // a package without its relationships: the part declared as a workbook
  for (const entry of archive.entries.values()) {
    const type = typeOf(entry.fileName) ?? '';
    if (MAIN_CONTENT_TYPES.readable.includes(type) || type === MAIN_CONTENT_TYPES.binary)
      return { part: entry.fileName, contentType: type };
  }
  return null;
}

export interface SheetPart {
  /** The sheet's name as written in the workbook. */
  readonly name: string;
  readonly part: string;
  readonly hidden: boolean;
}

export interface WorkbookPackage {
  readonly sheets: SheetPart[];
  readonly date1904: boolean;
  /** Shared strings by index. */
  readonly sharedStrings: string[];
  /** Whether a cell style (by its index in cellXfs) shows a number as a date. */
  readonly dateStyles: ReadonlySet<number>;
}

export async function openWorkbook(
  archive: ZipArchive,
  workbookPart: string,
  limits: ReadLimits,
  budget: InflateBudget,
): Promise<WorkbookPackage> {
  const { entries } = archive;
  const relationships = new Map<string, Relationship>();
  parseXml(
    await inflateSmall(
      archive,
      findEntry(entries, relationshipsPart(workbookPart)) ?? missing(relationshipsPart(workbookPart)),
      SMALL_PART,
    ),
    {
      open(name, a) {
        if (name !== 'Relationship' || !a.Id || !a.Target) return;
        const target = resolveTarget(workbookPart, a.Target, a.TargetMode);
        if (target !== null) relationships.set(a.Id, { type: a.Type ?? '', target });
      },
    },
  );
  const sheets: SheetPart[] = [];
  let date1904 = false;
  parseXml(await inflateSmall(archive, findEntry(entries, workbookPart) ?? missing(workbookPart), SMALL_PART), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = relationships.get(a.id);
      // chart and dialog sheets hold no rows
      if (!rel || !REL.worksheet.test(rel.type) || !findEntry(entries, rel.target)) return;
      sheets.push({ name: a.name ?? '', part: rel.target, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
  });
  const related = [...relationships.values()];
  const stylesRel = related.find((r) => REL.styles.test(r.type));
  const stringsRel = related.find((r) => REL.sharedStrings.test(r.type));
  const stylesEntry = stylesRel && findEntry(entries, stylesRel.target);
  const stringsEntry = stringsRel && findEntry(entries, stringsRel.target);
  return {
    sheets,
    date1904,
    dateStyles: stylesEntry ? readDateStyles(await inflateSmall(archive, stylesEntry, 4 * SMALL_PART)) : new Set(),
    sharedStrings: stringsEntry ? await readSharedStrings(archive, stringsEntry, limits, budget) : [],
  };
}

function missing(part: string): never {
  throw new ReadLimitError(
    ReadFailureCodes.UNREADABLE_WORKBOOK,
    UNREADABLE_MESSAGE,
    '',
    0,
    `the workbook's part ${part} is missing`,
  );
}

/** Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30, and the East Asian ones Excel adds). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a format code shows a date or time: d, m, y, h or s outside quoted text, escapes and [colour] or [$-locale] brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\]|hh\]|mm\]|ss\])[^\]]*\]/gi, '')
    .split(';')[0];
  return /[dmyhs]/i.test(bare) && !/^(general|@)$/i.test(bare.trim());
}

function readDateStyles(xml: Buffer): Set<number> {
  const custom = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(name, a, selfClosing) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) styles.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  styles.forEach((format, index) => {
    const code = custom.get(format);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(format)) dates.add(index);
  });
  return dates;
}

/**
 * The shared-string table, bounded in entries and characters while it is read: a table
 * past either bound fails at once, before the next entry is held.
 */
async function readSharedStrings(
  archive: ZipArchive,
  entry: ZipEntry,
  limits: ReadLimits,
  budget: InflateBudget,
): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  const parser = xmlParser({
    open(name, _a, selfClosing) {
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) {
          throw new ReadLimitError(
            ReadFailureCodes.READ_LIMITS,
            `The workbook's shared-string table has more than ${limits.maxSharedStrings} entries`,
          );
        }
        current = [];
        if (selfClosing) {
          strings.push('');
          current = null;
        }
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic) inText = !selfClosing;
    },
    close(name) {
      if (name === 'si' && current) {
        strings.push(current.length === 1 ? detached(current[0]) : current.join(''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (!inText || !current) return;
      chars += text.length;
      if (chars > limits.maxSharedStringChars) {
        throw new ReadLimitError(
          ReadFailureCodes.READ_LIMITS,
          `The workbook's shared strings hold more than ${limits.maxSharedStringChars} characters`,
        );
      }
      current.push(text);
    },
  });
  for await (const chunk of inflateChunks(archive, entry, budget)) {
    try {
      parser.write(chunk);
    } catch (error) {
      // a run of text too long to hold, inside a shared string: the text of a cell
      if (error instanceof XmlTextRunError && inText)
        throw new ReadLimitError(
          ReadFailureCodes.CELL_TOO_LONG,
          `A cell is longer than ${limits.maxCellLength} characters`,
        );
      throw error;
    }
  }
  parser.end();
  return strings;
}
