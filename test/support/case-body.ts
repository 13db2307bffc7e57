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
