import request from 'supertest';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * Two edits of one case at once lose nothing: the case's version (its ETag) goes up with
 * every change of the case or its records, and a change sent with If-Match is refused with
 * 409 CASE.CHANGED, writing nothing, once the case has moved past the version it names.
 */
describe('case versions and If-Match', () => {
  let t: TestApp;
  let punjab: Agent;
  let colleague: Agent;
  let fir = 100;

  beforeAll(async () => {
    t = await createTestApp();
    [punjab, colleague] = [await signIn(t, 'focal_person', 'PK-PB'), await signIn(t, 'focal_person', 'PK-PB')];
  });
  afterAll(() => t.close());

  const newCase = async (): Promise<string> => {
    const res = await punjab.post('/api/v1/cases', caseBody({ firNumber: String(++fir) }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** The case as read, with its ETag. */
  const read = async (id: string) => {
    const res = await punjab.get(`/api/v1/cases/${id}`);
    expect(res.status).toBe(200);
    return { etag: res.headers.etag, version: res.body.version as number, body: res.body };
  };
  const withIfMatch = (req: request.Test, etag: string) => req.set('If-Match', etag);
  /** Everything stored of the case and its records. */
  const stored = async (id: string) =>
    t.dataSource.query(
      `SELECT to_jsonb(c) AS stored_case,
              (SELECT jsonb_agg(to_jsonb(v) ORDER BY v.id) FROM victims v WHERE v.case_id = c.id) AS victims,
              (SELECT jsonb_agg(to_jsonb(d) ORDER BY d.id) FROM defendants d WHERE d.case_id = c.id) AS defendants,
              (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.id) FROM prosecutions p WHERE p.case_id = c.id) AS prosecutions,
              (SELECT jsonb_agg(to_jsonb(cv) ORDER BY cv.id) FROM convictions cv JOIN prosecutions p ON p.id = cv.prosecution_id
                WHERE p.case_id = c.id) AS convictions,
              (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.position) FROM route_points r WHERE r.case_id = c.id) AS route
         FROM cases c WHERE c.id = $1`,
      [id],
    );
  const updates = async (id: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) n FROM audit_events WHERE action = 'case.update' AND entity_id = $1`,
          [id],
        )
      )[0].n,
    );

  it('answers the version in the body and as the ETag, and starts at 1', async () => {
    const created = await punjab.post('/api/v1/cases', caseBody({ firNumber: 'V-1' }));
    const id = created.body.id as string;
    expect([created.status, created.body.version, created.headers.etag]).toEqual([201, 1, `"${id}:1"`]);
    const { etag, version } = await read(id);
    expect(version).toBe(1);
    expect(etag).toBe(`"${id}:1"`);
  });

  it('lets exactly one of two PATCHes based on the same version through; the case is the winner’s', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await newCase();
      const { etag } = await read(id);
      const remarks = ['the first officer’s correction', 'the second officer’s correction'];
      const answers = await Promise.all([
        withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: remarks[0] }), etag),
        withIfMatch(colleague.patch(`/api/v1/cases/${id}`, { remarks: remarks[1], policeStation: 'PS Kotwali' }), etag),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      const loser = answers[1 - winner];
      expectProblem(loser, 409, 'CASE.CHANGED');
      expect(loser.body.version).toBe(2);
      // the winner's answer carries the new version; the case is the winner's change and nothing of the loser's
      expect([answers[winner].body.version, answers[winner].headers.etag]).toEqual([2, `"${id}:2"`]);
      const after = await read(id);
      expect(after.body.remarks).toBe(remarks[winner]);
      expect(after.body.policeStation).toBe(winner === 1 ? 'PS Kotwali' : 'PS Saddar');
      expect(after.version).toBe(2);
      expect(await updates(id)).toBe(1);
    }
  });

  it('moves the version on at every change of the case’s records, and refuses a stale If-Match on each', async () => {
    const id = await newCase();
    const path = `/api/v1/cases/${id}`;
    let last = await read(id);
    /** Sends a write with the stale ETag (refused, nothing written), then with the current one (accepted, version up). */
    const step = async (send: () => request.Test, stale: string, expected: number) => {
      const before = await stored(id);
      const refused = await withIfMatch(send(), stale);
      expectProblem(refused, 409, 'CASE.CHANGED');
      expect((await read(id)).version).toBe(last.version);
      expect(await stored(id)).toEqual(before);
      const accepted = await withIfMatch(send(), last.etag);
      expect([accepted.status, accepted.body.code]).toEqual([expected, undefined]);
      const now = await read(id);
      expect(now.version).toBeGreaterThan(last.version);
      const staleTag = last.etag;
      last = now;
      return { accepted, staleTag };
    };
    // the tag read first is stale from the first change on
    const first = last.etag;
    expect((await withIfMatch(punjab.patch(path, { remarks: 'first change' }), first)).status).toBe(200);
    last = await read(id);

    const victim = await step(() => punjab.post(`${path}/victims`, { ref: 'V1', sex: 'female', age: 15 }), first, 201);
    await step(() => punjab.patch(`${path}/victims/${victim.accepted.body.id}`, { age: 16 }), victim.staleTag, 200);
    const defendant = await step(() => punjab.post(`${path}/defendants`, { ref: 'D1', sex: 'male' }), first, 201);
    await step(
      () => punjab.patch(`${path}/defendants/${defendant.accepted.body.id}`, { custodyStatus: 'arrested' }),
      first,
      200,
    );
    const prosecution = await step(
      () =>
        punjab.post(`${path}/prosecutions`, {
          defendantId: defendant.accepted.body.id,
          prosecutionDate: '2024-03-01',
          court: 'ATC Lahore',
        }),
      first,
      201,
    );
    const pid = prosecution.accepted.body.id as string;
    await step(() => punjab.patch(`${path}/prosecutions/${pid}`, { court: 'ATC Multan' }), first, 200);
    await step(() => punjab.patch(path, { status: 'under_investigation', statusDate: '2024-02-01' }), first, 200);
    await step(() => punjab.patch(path, { route: [{ kind: 'origin', country: 'PAK' }] }), first, 200);
    await step(() => punjab.delete(`${path}/victims/${victim.accepted.body.id}`), first, 204);
    await step(() => punjab.delete(`${path}/prosecutions/${pid}`), first, 204);
    await step(() => punjab.delete(`${path}/defendants/${defendant.accepted.body.id}`), first, 204);
    // a delete of the case itself
    await withIfMatch(punjab.delete(path), first).expect(409);
    expect((await punjab.get(path)).status).toBe(200);
    await withIfMatch(punjab.delete(path), last.etag).expect(204);
    expect((await punjab.get(path)).status).toBe(404);
  });

  it('moves the version on when a conviction is recorded or removed', async () => {
    const id = await newCase();
    const path = `/api/v1/cases/${id}`;
    const d = (await punjab.post(`${path}/defendants`, { ref: 'D1', sex: 'male' })).body.id as string;
    const pid = (
      await punjab.post(`${path}/prosecutions`, { defendantId: d, prosecutionDate: '2024-03-01', court: 'ATC Lahore' })
    ).body.id as string;
    const before = await read(id);
    const convicted = await withIfMatch(
      punjab.put(`${path}/prosecutions/${pid}/conviction`, {
        judgmentDate: '2024-06-01',
        sections: ['PTPA-3'],
        imprisonmentMonths: 24,
      }),
      before.etag,
    );
    expect([convicted.status, convicted.body.code]).toEqual([200, undefined]);
    const after = await read(id);
    expect(after.version).toBeGreaterThan(before.version);
    expectProblem(
      await withIfMatch(punjab.delete(`${path}/prosecutions/${pid}/conviction`), before.etag),
      409,
      'CASE.CHANGED',
    );
    expect((await withIfMatch(punjab.delete(`${path}/prosecutions/${pid}/conviction`), after.etag)).status).toBe(204);
    expect((await read(id)).version).toBeGreaterThan(after.version);
  });

  it('takes a write without If-Match, with `*` or with the weak form of the tag; refuses another case’s tag', async () => {
    const id = await newCase();
    const other = await newCase();
    expect((await punjab.patch(`/api/v1/cases/${id}`, { remarks: 'a' })).status).toBe(200);
    expect((await withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: 'b' }), '*')).status).toBe(200);
    const { etag, version } = await read(id);
    expect(version).toBe(3);
    expect((await withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: 'c' }), `W/${etag}`)).status).toBe(200);
    // the tag of another case at the same version is not this case's
    const otherTag = `"${other}:4"`;
    await t.dataSource.query('UPDATE cases SET version = 4 WHERE id = $1', [other]);
    expectProblem(
      await withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: 'd' }), otherTag),
      409,
      'CASE.CHANGED',
    );
    expect((await read(id)).body.remarks).toBe('c');
  });

  it('refuses a form’s edit of a case an import changed after it was read', async () => {
    const workbook = goodCase('0900');
    expect((await punjab.upload(await buildWorkbook(workbook))).status).toBe(201);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM cases WHERE fir_number = '0900'`);
    const opened = await read(id);
    // the same workbook again changes nothing: the version stays
    expect((await punjab.upload(await buildWorkbook(workbook))).status).toBe(201);
    expect((await read(id)).version).toBe(opened.version);
    // a correction of the case row, then one of a victim only: each moves it on
    const corrected = { ...workbook, Cases: [{ ...workbook.Cases[0], Remarks: 'corrected in the province' }] };
    expect((await punjab.upload(await buildWorkbook(corrected))).status).toBe(201);
    const afterCase = await read(id);
    expect(afterCase.version).toBeGreaterThan(opened.version);
    expect((await punjab.upload(await buildWorkbook({ Victims: [{ ...workbook.Victims[0], Age: 16 }] }))).status).toBe(
      201,
    );
    const afterVictim = await read(id);
    expect(afterVictim.version).toBeGreaterThan(afterCase.version);

    const stale = await withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: 'typed in the form' }), opened.etag);
    expectProblem(stale, 409, 'CASE.CHANGED');
    expect((await read(id)).body.remarks).toBe('corrected in the province');
  });

  it('lets one of a case change and a record change based on the same version through', async () => {
    const id = await newCase();
    const { etag } = await read(id);
    const answers = await Promise.all([
      withIfMatch(punjab.patch(`/api/v1/cases/${id}`, { remarks: 'changed' }), etag),
      withIfMatch(colleague.post(`/api/v1/cases/${id}/victims`, { ref: 'V1', sex: 'male', age: 30 }), etag),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const victims = (await punjab.get(`/api/v1/cases/${id}/victims`)).body as unknown[];
    const remarks = (await read(id)).body.remarks as string | null;
    // exactly the winner's change is stored
    expect([remarks, victims.length]).toEqual(statuses[0] === 200 ? ['changed', 0] : [null, 1]);
  });
});
