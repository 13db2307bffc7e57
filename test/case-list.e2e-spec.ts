import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectFieldProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

/** The case list's filters as the web application's list uses them: FIR year and a search on FIR number and police station. */
describe('case list filters', () => {
  let t: TestApp;
  let punjab: Agent;
  let sindh: Agent;
  let analyst: Agent;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [punjab, sindh, analyst] = await Promise.all([
      signIn(t, 'focal_person', 'PK-PB'),
      signIn(t, 'focal_person', 'PK-SD'),
      signIn(t, 'analyst'),
    ]);
    const cases: Array<[string, Agent, object]> = [
      ['saddar2023', punjab, { firNumber: '0451', firYear: 2023, firDate: '2023-06-01', policeStation: 'P.S. Saddar' }],
      ['saddar2024', punjab, { firNumber: '77/B', firYear: 2024, firDate: '2024-02-10', policeStation: 'PS Saddar' }],
      [
        'lahore2024',
        punjab,
        {
          district: 'Lahore',
          firNumber: '451',
          firYear: 2024,
          firDate: '2024-03-05',
          policeStation: 'Civil Lines',
          route: [],
        },
      ],
      [
        'karachi2024',
        sindh,
        {
          district: 'South Karachi',
          firNumber: '0451',
          firYear: 2024,
          firDate: '2024-04-01',
          policeStation: 'PS Saddar',
          route: [],
        },
      ],
    ];
    for (const [name, who, body] of cases) {
      const res = await who.post('/api/v1/cases', caseBody(body));
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
  });
  afterAll(() => t.close());

  const found = async (who: Agent, query: string) => {
    const res = await who.get(`/api/v1/cases?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    // every search here selects fewer cases than a page holds: the total counts exactly the cases listed
    expect(res.body.total).toBe(res.body.items.length);
    return (res.body.items as Array<{ id: string }>).map((c) => c.id).sort();
  };
  const named = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('selects the cases of one FIR year', async () => {
    expect(await found(punjab, 'firYear=2024')).toEqual(named('saddar2024', 'lahore2024'));
    expect(await found(punjab, 'firYear=2023')).toEqual(named('saddar2023'));
    expect(await found(analyst, 'firYear=2024')).toEqual(named('saddar2024', 'lahore2024', 'karachi2024'));
    expect(await found(punjab, 'firYear=1999')).toEqual([]);
  });

  it('finds a police station or FIR number by part of it, ignoring case, spaces and punctuation', async () => {
    expect(await found(punjab, 'search=ps%20saddar')).toEqual(named('saddar2023', 'saddar2024'));
    expect(await found(punjab, 'search=SADDAR')).toEqual(named('saddar2023', 'saddar2024'));
    expect(await found(punjab, 'search=civil')).toEqual(named('lahore2024'));
    // the FIR number is text: "451" is part of "0451" and "451"; "77b" finds "77/B"
    expect(await found(punjab, 'search=451')).toEqual(named('saddar2023', 'lahore2024'));
    expect(await found(punjab, 'search=0451')).toEqual(named('saddar2023'));
    expect(await found(punjab, 'search=77b')).toEqual(named('saddar2024'));
    expect(await found(punjab, 'search=nowhere')).toEqual([]);
    // a focal person's search stays in their jurisdiction; an analyst's covers every one
    expect(await found(analyst, 'search=0451')).toEqual(named('saddar2023', 'karachi2024'));
  });

  it('combines the search with the other filters and pages', async () => {
    expect(await found(punjab, 'search=451&firYear=2024')).toEqual(named('lahore2024'));
    expect(await found(punjab, 'search=saddar&district=PK628&firYear=2024')).toEqual(named('saddar2024'));
    expect(await found(punjab, 'search=saddar&status=convicted')).toEqual([]);
    const first = await punjab.get('/api/v1/cases?search=saddar&pageSize=1&sort=firDate&order=asc');
    expect(first.body).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: ids.saddar2023 }] });
  });

  it('counts a case its station and its FIR number both match once, and finds a station an edit named', async () => {
    const both = await punjab.post(
      '/api/v1/cases',
      caseBody({ firNumber: '9090', firYear: 2024, firDate: '2024-05-01', policeStation: 'Thana 9090' }),
    );
    expect(both.status).toBe(201);
    expect(await found(punjab, 'search=9090')).toEqual([both.body.id]);
    expect(await found(punjab, 'search=thana')).toEqual([both.body.id]);
    // a station no case had: the edit's transaction adds it, the search finds it at once
    expect((await punjab.patch(`/api/v1/cases/${ids.lahore2024}`, { policeStation: 'Model Town' })).status).toBe(200);
    expect(await found(punjab, 'search=modeltown')).toEqual(named('lahore2024'));
    expect(await found(punjab, 'search=civil')).toEqual([]);
    expect(await found(analyst, 'search=model')).toEqual(named('lahore2024'));
    // a focal person of another jurisdiction neither finds nor counts it
    expect(await found(sindh, 'search=model')).toEqual([]);
  });

  it('refuses a FIR year outside 1947–2100 and a search with control characters', async () => {
    expectFieldProblem(await punjab.get('/api/v1/cases?firYear=1900'), 'firYear', 'COMMON.MIN');
    expectFieldProblem(await punjab.get('/api/v1/cases?firYear=twenty'), 'firYear');
    expectFieldProblem(await punjab.get('/api/v1/cases?search=ab%00cd'), 'search', 'COMMON.CONTROL_CHARACTER');
    expectFieldProblem(await punjab.get(`/api/v1/cases?search=${'x'.repeat(121)}`), 'search', 'COMMON.MAX_LENGTH');
  });
});
