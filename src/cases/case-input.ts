import { CaseRecord } from 'src/cases/case.entity';
import { NewRoutePoint } from 'src/cases/cases.repository';
import { RoutePointDto } from 'src/cases/dto/case.dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { CaseFieldCodes } from 'src/common/errors/field-codes';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';

/**
 * The case fields the API receives, checked and turned into stored values. Pure functions:
 * problems are added to `problems`, nothing is thrown.
 */

/** The code of the district the text names, when it is one of `jurisdiction`'s. */
export function resolveDistrict(
  lookup: DistrictLookup,
  jurisdiction: string | undefined,
  text: string,
  problems: FieldProblem[],
): string | undefined {
  const district = lookup.find(text);
  if (!district) {
    problems.push({ field: 'district', code: CaseFieldCodes.UNKNOWN_DISTRICT, message: 'unknown district' });
    return undefined;
  }
  if (jurisdiction && district.jurisdiction !== jurisdiction) {
    problems.push({
      field: 'district',
      code: CaseFieldCodes.DISTRICT_OUTSIDE_JURISDICTION,
      message: `the district is not in ${jurisdiction}`,
    });
    return undefined;
  }
  return district.code;
}

/** The route as stored: origin first, destination last, countries known, districts only in Pakistan. */
export function resolveRoute(
  lookup: DistrictLookup,
  knownCountries: ReadonlySet<string>,
  points: RoutePointDto[],
  problems: FieldProblem[],
): NewRoutePoint[] {
  points.forEach((p, i) => {
    const field = `route[${i}]`;
    if (!knownCountries.has(p.country))
      problems.push({
        field: `${field}.country`,
        code: CaseFieldCodes.UNKNOWN_COUNTRY,
        message: 'unknown ISO 3166-1 alpha-3 code',
      });
    if (p.kind === 'origin' && i !== 0)
      problems.push({
        field: `${field}.kind`,
        code: CaseFieldCodes.ROUTE_ORDER,
        message: 'the origin must come first',
      });
    if (p.kind === 'destination' && i !== points.length - 1) {
      problems.push({
        field: `${field}.kind`,
        code: CaseFieldCodes.ROUTE_ORDER,
        message: 'the destination must come last',
      });
    }
    if (p.district !== undefined && p.country !== 'PAK') {
      problems.push({
        field: `${field}.district`,
        code: CaseFieldCodes.DISTRICT_OUTSIDE_PAKISTAN,
        message: 'a district is given only for points in Pakistan',
      });
    }
  });
  return points.map((p, i) => {
    let districtCode: string | null = null;
    if (p.district !== undefined && p.country === 'PAK') {
      const d = lookup.find(p.district);
      if (!d)
        problems.push({
          field: `route[${i}].district`,
          code: CaseFieldCodes.UNKNOWN_DISTRICT,
          message: 'unknown district',
        });
      districtCode = d?.code ?? null;
    }
    return { kind: p.kind, countryCode: p.country, districtCode, place: p.place?.trim() || null };
  });
}

export function firYearProblems(record: CaseRecord, problems: FieldProblem[]): void {
  if (Number(record.firDate.slice(0, 4)) !== record.firYear) {
    problems.push({
      field: 'firYear',
      code: CaseFieldCodes.FIR_YEAR_MISMATCH,
      message: 'firYear is not the year of firDate',
    });
  }
}
