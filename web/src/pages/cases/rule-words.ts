import { ApiError, FieldProblem } from '../../api/client';
import { fieldProblemText, problemText } from '../../api/problems';
import { formatDate, hasMessage, t } from '../../i18n/i18n';
import { codeLabel } from './labels';

/** The facts the words of a refused change need: what was asked for and what it must follow. */
export interface RuleContext {
  /** The FIR date the change was checked against (the new one when the form changes it). */
  firDate?: string;
  /** The status and its date before the change, and the status and date asked for. */
  fromStatus?: string;
  fromStatusDate?: string;
  toStatus?: string;
  toStatusDate?: string;
  investigationConcludedOn?: string | null;
  /** The prosecution's date, for its outcome and judgment. */
  prosecutionDate?: string;
}

/**
 * The words for one of the service's field problems, about the form field it concerns:
 * the rules of a case (src/cases/case-rules.ts) said in full, anything else as the general
 * catalogue (or the service) says it.
 */
export function ruleWords(field: string, p: FieldProblem, ctx: RuleContext): string {
  const dateField = /(Date|On)$/.test(field);
  if (dateField && ['COMMON.MATCHES', 'COMMON.IS_ISO8601', 'COMMON.IS_STRING'].includes(p.code)) {
    return t('cases.rule.date');
  }
  switch (p.code) {
    case 'CASE.FUTURE_DATE':
      return t('cases.rule.futureDate');
    case 'CASE.DATE_ORDER':
      return dateOrderWords(field, ctx);
    case 'CASE.CONCLUSION_REQUIRED':
      return t('cases.rule.conclusionRequired', { status: codeLabel('status', ctx.toStatus ?? ctx.fromStatus) });
    case 'CASE.OUTCOME_DATE_REQUIRED':
      return field === 'judgmentDate' ? t('cases.rule.judgmentDateRequired') : t('cases.rule.outcomeDateRequired');
    case 'CASE.PENDING_HAS_DATE':
      return t('cases.rule.pendingHasDate');
    case 'CASE.INCONSISTENT_STATUS':
      return t('cases.rule.inconsistentStatus');
    case 'CASE.ILLEGAL_TRANSITION':
      return transitionWords(ctx);
    case 'CASE.FIR_YEAR_MISMATCH':
      return t('cases.rule.firYear');
    case 'CASE.UNKNOWN_DISTRICT':
      return t('cases.rule.unknownDistrict');
    case 'CASE.DISTRICT_OUTSIDE_JURISDICTION':
      return t('cases.rule.districtOutsideJurisdiction');
    case 'CASE.DISTRICT_OUTSIDE_PAKISTAN':
      return t('cases.rule.districtOutsidePakistan');
    case 'CASE.UNKNOWN_COUNTRY':
      return t('cases.rule.unknownCountry');
    case 'CASE.ROUTE_ORDER':
      return t('cases.rule.routeOrder');
    case 'CASE.INVALID_CNIC':
      return t('cases.rule.cnic');
    case 'CASE.DEFENDANT_NOT_IN_CASE':
      return t('cases.rule.defendantNotInCase');
    case 'COMMON.REQUIRED':
    case 'COMMON.MIN_LENGTH':
      return field === 'statusDate' ? t('cases.rule.statusDateRequired') : t('cases.rule.required');
    case 'COMMON.MATCHES':
      if (field === 'firNumber') return t('cases.rule.firNumberPattern');
      if (field === 'ref') return t('cases.rule.refPattern');
      break;
    case 'COMMON.MIN':
    case 'COMMON.MAX':
    case 'COMMON.IS_INT':
      if (field === 'age') return t('cases.rule.ageRange');
      if (field === 'firYear') return t('cases.rule.firYearRange');
      if (field === 'imprisonmentMonths' || field === 'finePkr') return t('cases.rule.wholeNumber');
      break;
  }
  return fieldProblemText(p);
}

function dateOrderWords(field: string, ctx: RuleContext): string {
  const fir = ctx.firDate ?? '';
  switch (field) {
    case 'statusDate':
      if (ctx.toStatusDate === undefined) return t('cases.rule.dateOrder');
      return ctx.toStatusDate < fir
        ? t('cases.rule.statusDateBeforeFir', { date: formatDate(fir) })
        : t('cases.rule.statusDateBeforeCurrent', { date: formatDate(ctx.fromStatusDate) });
    case 'investigationConcludedOn':
      return t('cases.rule.concludedBeforeFir', { date: formatDate(fir) });
    case 'prosecutionDate':
      if (ctx.prosecutionDate === undefined) return t('cases.rule.prosecutionDateOrder');
      return ctx.prosecutionDate < fir
        ? t('cases.rule.prosecutionBeforeFir', { date: formatDate(fir) })
        : t('cases.rule.prosecutionBeforeConclusion', { date: formatDate(ctx.investigationConcludedOn) });
    case 'judgmentDate':
      return ctx.prosecutionDate
        ? t('cases.rule.judgmentBeforeProsecution', { date: formatDate(ctx.prosecutionDate) })
        : t('cases.rule.outcomeBeforeProsecution');
    case 'outcomeDate':
      return t('cases.rule.outcomeBeforeProsecution');
    default:
      return t('cases.rule.dateOrder');
  }
}

function transitionWords(ctx: RuleContext): string {
  if (ctx.fromStatus === 'convicted' && ctx.toStatus === 'acquitted') return t('cases.rule.appealToAcquitted');
  if (ctx.fromStatus === 'acquitted' && ctx.toStatus === 'convicted') return t('cases.rule.appealToConvicted');
  return t('cases.rule.transition', {
    from: codeLabel('status', ctx.fromStatus),
    to: codeLabel('status', ctx.toStatus),
  });
}

/** What a refused save shows: words at each field of the form, the rest above the form. */
export interface FormProblems {
  readonly fields: Record<string, string>;
  /** Problems with something outside this form (another prosecution, the case's status). */
  readonly others: string[];
  /** The line above the form; null when nothing was refused. */
  readonly summary: string | null;
}

/**
 * Sorts a refused save's problems: `toField` names the form field a service field is about
 * (`outcomeDate` is a conviction form's judgment date), or null when the form has none.
 */
export function formProblems(
  error: unknown,
  toField: (serviceField: string) => string | null,
  ctx: RuleContext,
): FormProblems {
  if (!error) return { fields: {}, others: [], summary: null };
  const fields: Record<string, string> = {};
  const others: string[] = [];
  const problems = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  for (const p of problems) {
    const field = p.field ? toField(p.field) : null;
    if (field) fields[field] ??= ruleWords(field, p, ctx);
    else others.push(otherWords(p, ctx));
  }
  const summary = problems.length ? t('cases.form.notSaved') : caseProblemText(error);
  return { fields, others, summary };
}

/** A problem about another record of the case, named by what it is about. */
function otherWords(p: FieldProblem, ctx: RuleContext): string {
  const of = /^prosecutions\[(.+)\]\.(\w+)$/.exec(p.field ?? '');
  // another prosecution's dates are not the form's
  if (of)
    return t('cases.rule.ofProsecution', {
      ref: of[1],
      words: ruleWords(of[2], p, { ...ctx, prosecutionDate: undefined }),
    });
  return ruleWords(p.field ?? '', p, ctx);
}

/** The words for a refusal that names no field (a duplicate, a case gone meanwhile). */
export function caseProblemText(error: unknown): string {
  const key = error instanceof ApiError && error.code ? `cases.problem.${error.code}` : '';
  return hasMessage(key) ? t(key) : problemText(error);
}

/** Why a deletion was refused: the rules it would break (a convicted case keeps a conviction), or the refusal itself. */
export function deleteProblems(error: unknown): string[] {
  if (!error) return [];
  const { others, summary } = formProblems(error, () => null, {});
  return others.length ? others : [summary ?? ''];
}
