import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { RoutePoint, RouteKind } from 'src/cases/route-point.entity';

export class RoutePointResponse {
  kind!: RouteKind;
  country!: string;
  district!: string | null;
  place!: string | null;
}

export class CaseResponse {
  id!: string;
  jurisdiction!: string;
  district!: string;
  policeStation!: string;
  /** The reporting unit the case belongs to. */
  reportingUnit!: string;
  reportingAgency!: string;
  firNumber!: string;
  firYear!: number;
  firDate!: string;
  offenceFamily!: string;
  lawSections!: string[];
  traffickingType!: string | null;
  exploitationForms!: string[];
  route!: RoutePointResponse[];
  status!: string;
  statusDate!: string;
  investigationConcludedOn!: string | null;
  remarks!: string | null;
  /**
   * Goes up with every change of the case or of its victims, defendants, prosecutions,
   * convictions or route. The answer's `ETag` header carries it as `"<id>:<version>"`, for the
   * `If-Match` of a later change.
   */
  version!: number;
  createdAt!: string;
  updatedAt!: string;
}

/** One page of the case list. */
export class CasePageResponse {
  items!: CaseResponse[];
  /** Cases the filters select, on every page. */
  total!: number;
  page!: number;
  pageSize!: number;
  /** The `after` of the next page (null on the last). */
  nextCursor!: string | null;
  /** The `before` of the previous page (null on the first). */
  previousCursor!: string | null;
  /**
   * With basis `victims` (or a `residenceDistrict`): the victims of these cases identified in the
   * period (of that district of residence) — the victimsIdentified or hotspot figure, where
   * `total` counts their cases.
   */
  victimCount?: number;
  /**
   * With basis `prosecuted`: the defendants whose prosecution began in the period; with
   * `convicted`: the persons convicted with a judgment in the period — the summary's `persons`
   * figures (and the prosecutions and convictions trends), where `total` counts their cases.
   */
  personCount?: number;
}

export function toCaseResponse(c: CaseRecord, route: RoutePoint[]): CaseResponse {
  return {
    id: c.id,
    jurisdiction: c.jurisdictionCode,
    district: c.districtCode,
    policeStation: c.policeStation,
    reportingUnit: c.reportingUnitCode,
    reportingAgency: c.reportingAgency,
    firNumber: c.firNumber,
    firYear: c.firYear,
    firDate: c.firDate,
    offenceFamily: c.offenceFamily,
    lawSections: c.lawSections,
    traffickingType: c.traffickingType,
    exploitationForms: c.exploitationForms,
    route: [...route]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ kind: p.kind, country: p.countryCode, district: p.districtCode, place: p.place })),
    status: c.status,
    statusDate: c.statusDate,
    investigationConcludedOn: c.investigationConcludedOn,
    remarks: c.remarks,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export class StatusEventResponse {
  fromStatus!: string | null;
  toStatus!: string;
  statusDate!: string;
  recordedAt!: string;
  source!: 'api' | 'import';
}

export function toStatusEventResponse(e: CaseStatusEvent): StatusEventResponse {
  return {
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    statusDate: e.statusDate,
    recordedAt: e.recordedAt.toISOString(),
    source: e.importBatchId ? 'import' : 'api',
  };
}
