import { Agent } from 'test/support/agent';

/**
 * A valid body for POST /api/v1/cases by a Punjab focal person: a registered transnational
 * trafficking case in Rahim Yar Khan (district PK628), route Pakistan → Iran → Oman.
 */
export function caseBody(overrides: object = {}): Record<string, unknown> {
  return {
    district: 'R.Y. Khan',
    policeStation: 'PS Saddar',
    firNumber: '0123',
    firYear: 2024,
    firDate: '2024-01-15',
    offenceFamily: 'tip',
    lawSections: ['PTPA-3', 'PPC-371A'],
    traffickingType: 'transnational',
    exploitationForms: ['forced_labour'],
    route: [
      { kind: 'origin', country: 'PAK', district: 'Rahim Yar Khan' },
      { kind: 'transit', country: 'IRN', place: 'Taftan border' },
      { kind: 'destination', country: 'OMN' },
    ],
    ...overrides,
  };
}

/** The ids of a case with one victim (`V1`), one defendant (`D1`) and that defendant's prosecution (begun 2024-03-01). */
export interface CaseWithRecords {
  caseId: string;
  victimId: string;
  defendantId: string;
  pid: string;
}

/** Creates, as `who`, the case `body` with one victim, one defendant and the defendant's prosecution. */
export async function caseWithRecords(who: Agent, body: object): Promise<CaseWithRecords> {
  const caseId = (await who.post('/api/v1/cases', body)).body.id;
  const victimId = (await who.post(`/api/v1/cases/${caseId}/victims`, { ref: 'V1' })).body.id;
  const defendantId = (await who.post(`/api/v1/cases/${caseId}/defendants`, { ref: 'D1' })).body.id;
  const pid = (await who.post(`/api/v1/cases/${caseId}/prosecutions`, { defendantId, prosecutionDate: '2024-03-01' }))
    .body.id;
  return { caseId, victimId, defendantId, pid };
}
