import { EntityManager } from 'typeorm';
import { FieldProblem } from 'src/common/errors/domain-error';
import { hashCnic, normaliseCnic } from 'src/common/cnic';
import { ReferenceRepository } from 'src/reference/reference.repository';
import { CaseFieldCodes } from 'src/common/errors/field-codes';

/** Problems with country codes a victim or defendant names (nationality, residence). */
export async function unknownCountries(
  reference: ReferenceRepository,
  manager: EntityManager,
  fields: Record<string, string | null | undefined>,
): Promise<FieldProblem[]> {
  const wanted = Object.values(fields).filter((v): v is string => typeof v === 'string');
  if (!wanted.length) return [];
  const known = await reference.knownCountries(wanted, manager);
  return Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' && !known.has(v))
    .map(([field]) => ({
      field,
      code: CaseFieldCodes.UNKNOWN_COUNTRY,
      message: `${field} is not an ISO 3166-1 alpha-3 code`,
    }));
}

/**
 * The keyed hash of a CNIC given as 13 digits with or without dashes; a malformed one is
 * a problem (its value never echoed). `null` clears it, `undefined` leaves it unchanged.
 */
export function cnicHashOf(
  raw: string | null | undefined,
  secret: string,
  problems: FieldProblem[],
): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const digits = normaliseCnic(raw);
  if (!digits) {
    problems.push({
      field: 'cnic',
      code: CaseFieldCodes.INVALID_CNIC,
      message: 'cnic must be 13 digits, written XXXXX-XXXXXXX-X or without dashes',
    });
    return undefined;
  }
  return hashCnic(digits, secret);
}

/** Postgres unique violation on the (case, ref) index. */
export function isDuplicateRef(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint ?? '';
  return code === '23505' && /case_ref/.test(constraint);
}
