import type { UnitScope } from 'src/auth/auth-user';
import { hashCnic } from 'src/common/cnic';
import { ImportFieldCodes } from 'src/common/errors/field-codes';
import { SheetKind } from 'src/imports/columns';
import * as read from 'src/imports/parsing/values';
import { CellProblem } from 'src/imports/parsing/values';
import { Cell } from 'src/imports/reading/sheet-rows';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';
import {
  APPEAL_STATUSES,
  CASE_STATUSES,
  CUSTODY_STATUSES,
  DEFENDANT_ROLES,
  EXPLOITATION_FORMS,
  OFFENCE_FAMILIES,
  PROSECUTION_OUTCOMES,
  REFERRALS,
  REPORTING_AGENCIES,
  ReportingAgency,
  TRAFFICKING_TYPES,
  VULNERABILITIES,
} from 'src/reference/code-lists';
import { isUnknown, resolveCountry } from 'src/reference/countries';
import { nameKey } from 'src/reference/name-key';

/** What the parser of one upload needs to know beyond its rows. */
export interface ParseContext {
  /** A focal person's reporting unit; null for a national (admin) upload. */
  readonly scope: UnitScope | null;
  /** The police unit of each jurisdiction (a national upload's rows of agency police go to it). */
  readonly policeUnits: ReadonlyMap<string, string>;
  /** The active reporting units: a row's Reporting Agency may name one by its code or name. */
  readonly units: ReadonlyArray<UnitScope>;
  readonly jurisdictions: ReadonlyArray<{ code: string; name: string }>;
  readonly districts: DistrictLookup;
  readonly date1904: boolean;
  readonly cnicSecret: string;
  readonly today: string;
  /** A CSV: one sheet, the one the uploader named, else the one whose header row it has. */
  readonly csv?: { readonly sheet?: SheetKind };
}

export type Parse<T> = (c: Cell) => T;

/** At most this many distinct spellings are remembered per parser function. */
export const MEMO_LIMIT = 20_000;

/**
 * A parser that reads each distinct spelling once: coded values, dates and places repeat
 * across thousands of rows, and the rows then share one result (arrays included — rows
 * never modify them).
 */
export function memo<T>(parse: Parse<T>): Parse<T> {
  const cache = new Map<string | number, T | CellProblem>();
  return (c) => {
    if (typeof c !== 'string' && typeof c !== 'number') return parse(c);
    let hit = cache.get(c);
    if (hit === undefined) {
      try {
        hit = parse(c);
      } catch (e) {
        if (!(e instanceof CellProblem)) throw e;
        hit = e;
      }
      if (cache.size < MEMO_LIMIT) cache.set(c, hit);
    }
    if (hit instanceof CellProblem) throw hit;
    return hit;
  };
}

const text =
  (max: number, multiline = false): Parse<string | null> =>
  (c) =>
    read.text(c, max, multiline);
const TEXT_40 = text(40);
const TEXT_120 = text(120);
const TEXT_200 = text(200);
const TEXT_4000 = text(4000, true);

/** What a Reporting Agency cell names: an agency (the unit of it that takes the row) or one unit. */
export type NamedReporter = { readonly agency: ReportingAgency } | { readonly unit: UnitScope };

/** The cell parsers of one upload, built once (those that need the upload's context close over it). */
export function cellParsers(ctx: ParseContext, jurisdiction: Parse<string | null>) {
  const thisYear = Number(ctx.today.slice(0, 4));
  const date = memo((c) => {
    const iso = read.date(c, ctx.date1904, thisYear);
    if (iso && iso > ctx.today) throw new CellProblem(ImportFieldCodes.FUTURE_DATE, 'the date is in the future');
    return iso;
  });
  const country = memo((c) => {
    const value = read.text(c);
    if (value === null || isUnknown(value)) return null;
    const found = resolveCountry(value);
    if (!found)
      throw new CellProblem(
        ImportFieldCodes.UNKNOWN_COUNTRY,
        'not a known country (name, demonym, ISO alpha-2 or alpha-3)',
      );
    return found;
  });
  const district = memo((c) => {
    const value = read.text(c);
    if (value === null) return null;
    const found = ctx.districts.find(value);
    if (!found)
      throw new CellProblem(ImportFieldCodes.UNKNOWN_DISTRICT, 'not a known district (see the Districts sheet)');
    return found;
  });
  const cnic: Parse<string | null> = (c) => {
    const digits = read.cnic(c);
    return digits === null ? null : hashCnic(digits, ctx.cnicSecret);
  };
  const unitByKey = new Map<string, UnitScope>();
  for (const u of ctx.units)
    for (const k of [nameKey(u.code), nameKey(u.name)]) if (!unitByKey.has(k)) unitByKey.set(k, u);
  // an agency's name first (`FIA` is both the agency and its national unit's code)
  const reporter = memo((c): NamedReporter | null => {
    const value = read.text(c);
    if (value === null) return null;
    const agency = REPORTING_AGENCIES.find((a) => nameKey(a) === nameKey(value));
    if (agency) return { agency };
    const unit = unitByKey.get(nameKey(value));
    if (!unit)
      throw new CellProblem(
        ImportFieldCodes.UNKNOWN_CODE,
        'not a known reporting agency (Police, FIA, Other) nor the code or name of an active reporting unit',
      );
    return { unit };
  });
  const codeOf = <C extends string>(items: Parameters<typeof read.code<C>>[1], what: string) =>
    memo((c) => read.code(c, items, what));
  const codesOf = <C extends string>(items: Parameters<typeof read.codeList<C>>[1], what: string) =>
    memo((c) => read.codeList(c, items, what));
  return {
    date,
    country,
    district,
    cnic,
    jurisdiction: memo(jurisdiction),
    text40: TEXT_40,
    // a FIR number written in Urdu or Arabic-Indic digits is the same FIR (leading zeros kept)
    firNumber: memo((c) => {
      const value = TEXT_40(c);
      return value === null ? null : read.westernDigits(value);
    }),
    text120: TEXT_120,
    text200: TEXT_200,
    text4000: TEXT_4000,
    firYear: memo((c) => read.count(c, 2100)),
    sentenceMonths: memo((c) => read.count(c, 12000)),
    finePkr: memo((c) => read.count(c, 1e12)),
    sex: memo(read.sex),
    age: memo(read.age),
    yesNo: memo(read.yesNo),
    lawSections: memo(read.lawSections),
    caseStatus: codeOf(CASE_STATUSES, 'status'),
    reporter,
    offenceFamily: codeOf(OFFENCE_FAMILIES, 'offence family'),
    traffickingType: codeOf(TRAFFICKING_TYPES, 'trafficking type'),
    exploitationForms: codesOf(EXPLOITATION_FORMS, 'exploitation form'),
    vulnerabilities: codesOf(VULNERABILITIES, 'vulnerability'),
    referral: codeOf(REFERRALS, 'referral'),
    role: codeOf(DEFENDANT_ROLES, 'role'),
    custodyStatus: codeOf(CUSTODY_STATUSES, 'custody status'),
    outcome: codeOf(PROSECUTION_OUTCOMES, 'outcome'),
    appealStatus: codeOf(APPEAL_STATUSES, 'appeal status'),
    // the station's name as text120 read it
    policeStationKey: memo((c) => nameKey(typeof c === 'string' ? c : (read.text(c) ?? ''))),
  };
}

export type CellParsers = ReturnType<typeof cellParsers>;
