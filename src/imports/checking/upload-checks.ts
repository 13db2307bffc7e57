import { EntityManager } from 'typeorm';
import {
  ALLOWED_TRANSITIONS,
  CaseFacts,
  CaseRuleCode,
  consistencyProblems,
  ProsecutionFacts,
  transitionProblem,
} from 'src/cases/case-rules';
import { CaseFieldCodes, ImportFieldCode, ImportFieldCodes } from 'src/common/errors/field-codes';
import { ImportError } from 'src/imports/import-batch.entity';
import { CaseRow, ParsedUpload, ProsecutionRow, splitCaseKey } from 'src/imports/parsing/import-rows';
import { AppealStatus, CaseStatus, ProsecutionOutcome } from 'src/reference/code-lists';

/** A live case already in the database that an upload names. */
export interface ExistingCase {
  id: string;
  key: string;
  status: CaseStatus;
  statusDate: string;
  firDate: string;
  investigationConcludedOn: string | null;
  /** The unit the case belongs to: only that unit's rows may change it or add to it. */
  reportingUnit: string;
}

export interface DatabaseView {
  cases: ReadonlyMap<string, ExistingCase>;
  /** case id → the refs of its stored defendants that the file's prosecutions name but its Defendants sheet does not */
  defendantRefs: Map<string, Set<string>>;
  /** case id → its stored prosecutions by defendant ref, those the file does not replace (its staged prosecutions name the others) */
  prosecutions: Map<string, Map<string, Omit<ProsecutionFacts, 'label'>>>;
}

/**
 * What the database holds for the cases an upload names: the stored cases as they were
 * before the upload wrote anything (gathered by the writer, also in import_existing), the
 * stored defendants the file's prosecutions name without listing them, and the stored
 * prosecutions the file does not replace (neither is touched by the upload's own writes) —
 * in at most two queries.
 */
export async function loadDatabaseView(
  manager: EntityManager,
  upload: ParsedUpload,
  cases: ReadonlyMap<string, ExistingCase>,
): Promise<DatabaseView> {
  const defendantRefs = new Map<string, Set<string>>();
  const prosecutions = new Map<string, Map<string, Omit<ProsecutionFacts, 'label'>>>();
  if (cases.size) {
    // only the defendants the file's prosecutions name without listing them itself
    const asked = upload.prosecutions.filter((p) => cases.has(p.key) && !upload.hasDefendant(p.key, p.defendantRef));
    const defendants: Array<{ case_id: string; ref: string }> = asked.length
      ? await manager.query(
          'SELECT d.case_id, d.ref FROM unnest($1::uuid[], $2::varchar[]) AS x(c, ref) JOIN defendants d ON d.case_id = x.c AND d.ref = x.ref',
          [asked.map((p) => cases.get(p.key)!.id), asked.map((p) => p.defendantRef)],
        )
      : [];
    for (const d of defendants)
      (defendantRefs.get(d.case_id) ?? defendantRefs.set(d.case_id, new Set()).get(d.case_id)!).add(d.ref);
    const stored: Array<{
      case_id: string;
      ref: string;
      prosecution_date: string;
      outcome: ProsecutionOutcome;
      outcome_date: string | null;
      appeal_status: AppealStatus | null;
    }> = await manager.query(
      `SELECT p.case_id, d.ref, p.prosecution_date::text, p.outcome, p.outcome_date::text, cv.appeal_status
           FROM import_existing f
           JOIN prosecutions p ON p.case_id = f.id JOIN defendants d ON d.id = p.defendant_id LEFT JOIN convictions cv ON cv.prosecution_id = p.id
          WHERE NOT EXISTS (SELECT 1 FROM import_prosecutions t WHERE t.key = f.key AND t.ref = d.ref)`,
    );
    for (const p of stored) {
      const byRef = prosecutions.get(p.case_id) ?? prosecutions.set(p.case_id, new Map()).get(p.case_id)!;
      byRef.set(p.ref, {
        prosecutionDate: p.prosecution_date,
        outcome: p.outcome,
        outcomeDate: p.outcome_date,
        appealStatus: p.appeal_status,
      });
    }
  }
  return { cases, defendantRefs, prosecutions };
}

const CASE_COLUMN: Record<string, string> = {
  firDate: 'FIR Date',
  statusDate: 'Status Date',
  investigationConcludedOn: 'Investigation Concluded On',
  status: 'Status',
};
const PROSECUTION_COLUMN: Record<string, string> = { prosecutionDate: 'Prosecution Date', outcomeDate: 'Outcome Date' };

/** The columns of a case's row and its prosecutions' that each of its facts is read from, by the field consistencyProblems names. */
const CASE_INPUTS: Record<string, readonly string[]> = {
  firDate: ['FIR Date'],
  // the date a status takes effect on depends on the status (effectiveStatusDate)
  statusDate: ['Status Date', 'FIR Date', 'Status'],
  investigationConcludedOn: ['Investigation Concluded On', 'FIR Date', 'Status'],
};
const PROSECUTION_INPUTS: Record<string, { own: readonly string[]; ofCase: readonly string[] }> = {
  prosecutionDate: { own: ['Prosecution Date'], ofCase: ['FIR Date', 'Investigation Concluded On'] },
  outcomeDate: { own: ['Outcome Date', 'Prosecution Date', 'Outcome'], ofCase: [] },
};
/** What a case's status is checked against in each of its prosecutions. */
const OUTCOME_INPUTS = ['Outcome', 'Outcome Date', 'Appeal Status'];

/** The import's code for each of the case rules' codes. */
const IMPORT_CODE: Record<CaseRuleCode, ImportFieldCode> = {
  [CaseFieldCodes.FUTURE_DATE]: ImportFieldCodes.FUTURE_DATE,
  [CaseFieldCodes.DATE_ORDER]: ImportFieldCodes.DATE_ORDER,
  [CaseFieldCodes.CONCLUSION_REQUIRED]: ImportFieldCodes.CONCLUSION_REQUIRED,
  [CaseFieldCodes.OUTCOME_DATE_REQUIRED]: ImportFieldCodes.OUTCOME_DATE_REQUIRED,
  [CaseFieldCodes.INCONSISTENT_STATUS]: ImportFieldCodes.INCONSISTENT_STATUS,
};

const has = (row: { invalid?: ReadonlySet<string> } | undefined, columns: readonly string[]) =>
  !!row?.invalid && columns.some((c) => row.invalid!.has(c));

/**
 * The checks that need the whole upload and the database: child rows naming a case that
 * exists nowhere, prosecutions of unknown defendants, status transitions, and each case's
 * consistency with the file's and the database's prosecutions together. They run whatever
 * problems other rows had, leaving out only what depends on a value that could not be read
 * (the row's `invalid` columns, a row naming no case, a sheet whose header row was not found).
 */
export function crossCheck(upload: ParsedUpload, db: DatabaseView, today: string): ImportError[] {
  const errors: ImportError[] = [];
  const fileCases = new Map(upload.cases.map((c) => [c.key, c]));
  const unidentified = (kind: keyof ParsedUpload['unidentified'], key: string) =>
    upload.unidentified[kind].size > 0 && upload.unidentified[kind].has(splitCaseKey(key).firNumber);

  // a stored case of another unit is that unit's: no row of the upload may change it or add to it
  const otherUnit = new Set<string>();
  const refuse = (sheet: string, row: number, existing: ExistingCase) => {
    otherUnit.add(existing.key);
    errors.push({
      sheet,
      row,
      column: 'FIR No',
      code: ImportFieldCodes.OTHER_UNIT,
      message: `The case with this district, police station, FIR number and year belongs to reporting unit ${existing.reportingUnit}; only it may change the case or add to it`,
    });
  };
  for (const c of upload.cases) {
    const existing = db.cases.get(c.key);
    if (existing && c.reportingUnit && existing.reportingUnit !== c.reportingUnit && !has(c, ['Reporting Agency']))
      refuse('Cases', c.row, existing);
  }
  if (upload.unit) {
    for (const [sheet, rows] of [
      ['Victims', upload.victims],
      ['Defendants', upload.defendants],
      ['Prosecutions', upload.prosecutions],
    ] as const) {
      for (const r of rows) {
        const existing = db.cases.get(r.key);
        if (existing && !fileCases.has(r.key) && existing.reportingUnit !== upload.unit) refuse(sheet, r.row, existing);
      }
    }
  }

  if (!upload.unread.has('Cases')) {
    for (const [sheet, rows] of [
      ['Victims', upload.victims],
      ['Defendants', upload.defendants],
      ['Prosecutions', upload.prosecutions],
    ] as const) {
      for (const r of rows) {
        if (!fileCases.has(r.key) && !db.cases.has(r.key) && !unidentified('Cases', r.key)) {
          errors.push({
            sheet,
            row: r.row,
            column: 'FIR No',
            code: ImportFieldCodes.UNKNOWN_CASE,
            message: 'No case with this district, police station, FIR number and year is in the file or the database',
          });
        }
      }
    }
  }
  const prosecutionsByKey = new Map<string, ProsecutionRow[]>();
  for (const p of upload.prosecutions) {
    const existing = db.cases.get(p.key);
    if (
      !otherUnit.has(p.key) &&
      !upload.unread.has('Defendants') &&
      !has(p, ['Defendant Ref']) &&
      (fileCases.has(p.key) || existing)
    ) {
      const known =
        upload.hasDefendant(p.key, p.defendantRef) ||
        (existing && db.defendantRefs.get(existing.id)?.has(p.defendantRef)) ||
        unidentified('Defendants', p.key);
      if (!known) {
        errors.push({
          sheet: 'Prosecutions',
          row: p.row,
          column: 'Defendant Ref',
          code: ImportFieldCodes.UNKNOWN_DEFENDANT,
          message: 'No defendant with this Defendant Ref in this case, in the file or the database',
        });
      }
    }
    (prosecutionsByKey.get(p.key) ?? prosecutionsByKey.set(p.key, []).get(p.key)!).push(p);
  }

  // a case's consistency needs all its rows: not checked when a sheet of them could not be read
  if (upload.unread.has('Cases') || upload.unread.has('Prosecutions')) return errors;
  const keys = new Set([...fileCases.keys(), ...[...prosecutionsByKey.keys()].filter((k) => db.cases.has(k))]);
  for (const key of keys) {
    if (otherUnit.has(key)) continue;
    const fileCase = fileCases.get(key);
    const existing = db.cases.get(key);
    const caseRow: Pick<CaseRow, 'row' | 'firDate' | 'status' | 'investigationConcludedOn'> & { statusDate: string } =
      fileCase
        ? {
            row: fileCase.row,
            firDate: fileCase.firDate,
            status: fileCase.status,
            investigationConcludedOn: fileCase.investigationConcludedOn,
            statusDate: effectiveStatusDate(fileCase, existing),
          }
        : {
            row: 0,
            firDate: existing!.firDate,
            status: existing!.status,
            investigationConcludedOn: existing!.investigationConcludedOn,
            statusDate: existing!.statusDate,
          };
    const fileProsecutions = prosecutionsByKey.get(key) ?? [];
    const stored = existing ? db.prosecutions.get(existing.id) : undefined;
    const prosecutions: ProsecutionFacts[] = [
      ...fileProsecutions.map((p) => ({
        label: `P${p.row}`,
        prosecutionDate: p.prosecutionDate,
        outcome: p.outcome,
        outcomeDate: p.outcomeDate,
        appealStatus: p.appealStatus,
      })),
      ...[...(stored?.entries() ?? [])]
        .filter(([ref]) => !fileProsecutions.some((p) => p.defendantRef === ref))
        .map(([ref, p]) => ({ label: `DB${ref}`, ...p })),
    ];
    const facts: CaseFacts = { ...caseRow, prosecutions };
    // whether the case's status may have a prosecution the file names without it being read (a row with its key's FIR No unreadable)
    const outcomesUnread = fileProsecutions.some((p) => has(p, OUTCOME_INPUTS)) || unidentified('Prosecutions', key);
    /** Whether a problem of consistencyProblems rests on a value that could not be read. */
    const unreadInput = (field: string): boolean => {
      const m = /^(?:P(\d+)|DB.*)\.(\w+)$/.exec(field);
      if (m) {
        const inputs = PROSECUTION_INPUTS[m[2]];
        return (
          !inputs ||
          has(fileCase, inputs.ofCase) ||
          (m[1] !== undefined &&
            has(
              fileProsecutions.find((p) => p.row === Number(m[1])),
              inputs.own,
            ))
        );
      }
      if (field === 'status') return has(fileCase, ['Status']) || outcomesUnread;
      return has(fileCase, CASE_INPUTS[field] ?? [CASE_COLUMN[field] ?? field]);
    };
    const locate = (field: string): Pick<ImportError, 'sheet' | 'row' | 'column'> => {
      const m = /^(P(\d+)|DB.*)\.(\w+)$/.exec(field);
      if (m && m[2]) return { sheet: 'Prosecutions', row: Number(m[2]), column: PROSECUTION_COLUMN[m[3]] ?? null };
      return fileCase
        ? { sheet: 'Cases', row: fileCase.row, column: CASE_COLUMN[field] ?? 'Status' }
        : { sheet: 'Prosecutions', row: fileProsecutions[0].row, column: null };
    };
    for (const problem of consistencyProblems(facts, today)) {
      if (unreadInput(problem.field)) continue;
      errors.push({
        ...locate(problem.field),
        code: IMPORT_CODE[problem.code],
        message: problem.message.replace(/prosecutions\[[^\]]*\]\./, ''),
      });
    }
    if (fileCase && existing && fileCase.status !== existing.status && !has(fileCase, ['Status'])) {
      const problem = transitionProblem(existing.status, fileCase.status, existing.statusDate, facts);
      // beyond the allowed moves, convicted ↔ acquitted depends on the prosecutions' outcomes
      const dependsOnOutcomes = ALLOWED_TRANSITIONS[existing.status].includes(fileCase.status);
      if (problem && !(dependsOnOutcomes && outcomesUnread)) {
        errors.push({
          sheet: 'Cases',
          row: fileCase.row,
          column: 'Status',
          code: ImportFieldCodes.ILLEGAL_TRANSITION,
          message: problem,
        });
      } else if (!problem && caseRow.statusDate < existing.statusDate && !unreadInput('statusDate')) {
        errors.push({
          sheet: 'Cases',
          row: fileCase.row,
          column: 'Status Date',
          code: ImportFieldCodes.DATE_ORDER,
          message: 'The Status Date is before the date of the status already recorded',
        });
      }
    }
  }
  return errors;
}

const SHEET_ORDER = ['', 'Cases', 'Victims', 'Defendants', 'Prosecutions'];

/**
 * The problems of the rows and of the checks across them as one list, in sheet and row order
 * (the file's own first), each told once: a check across rows may find again what a row's
 * own check found.
 */
export function everyProblem(...lists: ImportError[][]): ImportError[] {
  const seen = new Set<string>();
  const out: ImportError[] = [];
  for (const e of lists.flat()) {
    const id = `${e.sheet}|${e.row}|${e.column}|${e.code}`;
    if (!seen.has(id)) out.push(e);
    seen.add(id);
  }
  const order = (sheet: string) => {
    const at = SHEET_ORDER.indexOf(sheet);
    return at < 0 ? SHEET_ORDER.length : at;
  };
  return out.sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row);
}

/**
 * The date a case's status takes effect: as written, else the one recorded for the same
 * status, else the FIR date (registered or under investigation; later statuses need a date).
 */
export function effectiveStatusDate(row: CaseRow, existing: ExistingCase | undefined): string {
  if (row.statusDate) return row.statusDate;
  if (existing && existing.status === row.status) return existing.statusDate;
  return row.firDate;
}
