import request from 'supertest';
import { Agent, agentOf, bearer, signIn } from 'test/support/agent';
import { expectFieldProblem, expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

/** Four groups of five: digits 2–9 and consonants without l (what an admin reads out to a user). */
const ONE_TIME = /^[2-9bcdfghjkmnpqrstvwxz]{5}(-[2-9bcdfghjkmnpqrstvwxz]{5}){3}$/;
const OWN_PASSWORD = 'a lantern swinging over the river';

/** Administrator-issued one-time passwords, and the change to the user's own that they require. */
describe('one-time passwords', () => {
  let t: TestApp;
  let admin: Agent;
  let emails = 0;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, session?: 'cookie') =>
    t.http.post('/api/v1/auth/login').send({ email, password, ...(session ? { session } : {}) });
  interface StoredUser {
    password_hash: string;
    must_change_password: boolean;
    token_version: number;
    disabled: boolean;
  }
  const stored = async (id: string) =>
    (
      await t.dataSource.query<StoredUser[]>(
        'SELECT password_hash, must_change_password, token_version, disabled FROM users WHERE id = $1',
        [id],
      )
    )[0];
  const audited = (id: string) =>
    t.dataSource.query<Array<{ action: string }>>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [
      id,
    ]);

  /** A user an admin opens without a password, signed in with the one-time password it was given. */
  async function issued(role: 'analyst' | 'focal_person' | 'viewer' = 'focal_person') {
    const email = `issued${++emails}@test.example`;
    const created = await admin.post('/api/v1/users', {
      email,
      role,
      ...(role === 'focal_person' ? { jurisdiction: 'PK-PB' } : {}),
    });
    expect(created.status).toBe(201);
    const oneTimePassword = created.body.oneTimePassword as string;
    const signedIn = await login(email, oneTimePassword);
    expect(signedIn.status).toBe(200);
    const agent = agentOf(t.http, { id: created.body.id, email, token: signedIn.body.accessToken });
    return { agent, oneTimePassword, created, signedIn };
  }

  it('gives a user opened without a password a one-time password, once', async () => {
    const { agent, oneTimePassword, created, signedIn } = await issued();
    expect(oneTimePassword).toMatch(ONE_TIME);
    expect(created.body).toMatchObject({ email: agent.email, role: 'focal_person', mustChangePassword: true });
    // shown once: not in the user's record, not in the audit trail, not stored in clear
    const shown = await admin.get(`/api/v1/users/${agent.id}`);
    expect(shown.body.mustChangePassword).toBe(true);
    expect(shown.body).not.toHaveProperty('oneTimePassword');
    const listed = (await admin.get('/api/v1/users')).body.find((u: { id: string }) => u.id === agent.id);
    expect(listed.mustChangePassword).toBe(true);
    const row = await stored(agent.id);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'))).not.toContain(oneTimePassword);
    // the sign-in with it succeeds and says what comes next
    expect(signedIn.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600, mustChangePassword: true });
    const me = await agent.get('/api/v1/auth/me');
    expect(me.body).toEqual({
      id: agent.id,
      email: agent.email,
      role: 'focal_person',
      reportingUnit: { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] },
      jurisdiction: 'PK-PB',
      mustChangePassword: true,
    });
    // two users get two different passwords
    const other = await admin.post('/api/v1/users', { email: `other${++emails}@test.example`, role: 'viewer' });
    expect(other.body.oneTimePassword).toMatch(ONE_TIME);
    expect(other.body.oneTimePassword).not.toBe(oneTimePassword);
  });

  it('holds the user at every other route until they set their own password', async () => {
    const { agent } = await issued();
    const casesBefore = Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);
    for (const res of [
      await agent.get('/api/v1/cases'),
      await agent.get('/api/v1/jurisdictions'),
      await agent.post('/api/v1/cases', {}),
      // a route the role may not use is held the same way
      await agent.get('/api/v1/users'),
    ]) {
      expectProblem(res, 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
      expect(res.body.detail).toMatch(/POST \/auth\/password/);
    }
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n)).toBe(casesBefore);
    expect((await agent.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses a wrong current password, a weak or an unchanged new one, and changes nothing', async () => {
    const { agent, oneTimePassword } = await issued();
    const before = await stored(agent.id);
    const change = (body: object) => agent.post('/api/v1/auth/password', body);

    const wrong = await change({ currentPassword: 'not what the admin gave', newPassword: OWN_PASSWORD });
    expectFieldProblem(wrong, 'currentPassword', 'AUTH.CURRENT_PASSWORD_WRONG');
    expect(wrong.body.errors).toHaveLength(1);
    // a wrong current password and a weak new one: both said at once
    const both = await change({ currentPassword: 'not what the admin gave', newPassword: 'password1234' });
    expect(both.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'currentPassword:AUTH.CURRENT_PASSWORD_WRONG',
      'newPassword:AUTH.PASSWORD_COMMON',
    ]);
    for (const [newPassword, code] of [
      ['password1234', 'AUTH.PASSWORD_COMMON'],
      ['abcdefghijkl', 'AUTH.PASSWORD_SEQUENCE'],
      [`${agent.email} at work`, 'AUTH.PASSWORD_CONTAINS_EMAIL'],
      ['short one', 'COMMON.MIN_LENGTH'],
      [oneTimePassword, 'AUTH.PASSWORD_UNCHANGED'],
    ] as const) {
      const res = await change({ currentPassword: oneTimePassword, newPassword });
      expectFieldProblem(res, 'newPassword', code);
      expect([newPassword, res.body.errors]).toEqual([
        newPassword,
        [expect.objectContaining({ field: 'newPassword' })],
      ]);
      expect(JSON.stringify(res.body)).not.toContain(newPassword);
    }
    expectFieldProblem(await change({ currentPassword: oneTimePassword }), 'newPassword');

    // nothing changed: the same hash, still held, the session still open, the one-time password still signs in
    expect(await stored(agent.id)).toEqual(before);
    expect((await agent.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true);
    expect((await login(agent.email, oneTimePassword)).status).toBe(200);
    const actions = (await audited(agent.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.password_change_failed')).toHaveLength(2);
    expect(actions).not.toContain('auth.password_change');
  });

  it('sets the own password: a fresh token that works, the old token and the one-time password refused', async () => {
    const { agent, oneTimePassword } = await issued();
    const second = await login(agent.email, oneTimePassword);
    const changed = await agent.post('/api/v1/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: OWN_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600, mustChangePassword: false });
    expect(changed.headers['set-cookie']).toBeUndefined();

    const fresh = agentOf(t.http, { ...agent, token: changed.body.accessToken });
    expect((await fresh.get('/api/v1/cases')).status).toBe(200);
    expect((await fresh.get('/api/v1/auth/me')).body.mustChangePassword).toBe(false);
    expect((await admin.get(`/api/v1/users/${agent.id}`)).body.mustChangePassword).toBe(false);
    // every earlier session ended: the one that changed it and any other
    for (const token of [agent.token, second.body.accessToken as string]) {
      expectProblem(await t.http.get('/api/v1/auth/me').set(bearer(token)), 401, 'AUTH.UNAUTHENTICATED');
    }
    expectProblem(await login(agent.email, oneTimePassword), 401, 'AUTH.INVALID_CREDENTIALS');
    const again = await login(agent.email, OWN_PASSWORD);
    expect(again.body.mustChangePassword).toBe(false);

    const events = await audited(agent.id);
    expect(events.map((e) => e.action)).toContain('auth.password_change');
    const everything = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(everything).not.toContain(OWN_PASSWORD);
    expect(everything).not.toContain(oneTimePassword);
  });

  it('lets any signed-in user change their own password, and nobody without a session', async () => {
    const analyst = await signIn(t, 'analyst');
    const changed = await analyst.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: OWN_PASSWORD,
    });
    expect(changed.body.mustChangePassword).toBe(false);
    expectProblem(await analyst.get('/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await login(analyst.email, TEST_PASSWORD), 401, 'AUTH.INVALID_CREDENTIALS');
    expect((await login(analyst.email, OWN_PASSWORD)).status).toBe(200);
    expectProblem(await t.http.post('/api/v1/auth/password').send({}), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('makes a password the admin chose one-time too, at creation and by PATCH', async () => {
    const email = `chosen${++emails}@test.example`;
    const created = await admin.post('/api/v1/users', {
      email,
      password: 'a quiet orchard after rain',
      role: 'analyst',
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    expect(created.body).not.toHaveProperty('oneTimePassword');
    const held = await login(email, 'a quiet orchard after rain');
    expect(held.body.mustChangePassword).toBe(true);
    expectProblem(
      await t.http.get('/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31').set(bearer(held.body.accessToken)),
      403,
      'AUTH.PASSWORD_CHANGE_REQUIRED',
    );

    const analyst = await signIn(t, 'analyst');
    expect((await admin.patch(`/api/v1/users/${analyst.id}`, { password: 'a quiet orchard after rain' })).status).toBe(
      200,
    );
    expect((await stored(analyst.id)).must_change_password).toBe(true);
    expect((await login(analyst.email, 'a quiet orchard after rain')).body.mustChangePassword).toBe(true);
    // changing the role alone leaves the user's own password as it is
    const viewer = await signIn(t, 'viewer');
    expect((await admin.patch(`/api/v1/users/${viewer.id}`, { role: 'analyst' })).body.mustChangePassword).toBe(false);
  });

  it('holds a user from the database state, whatever the token says', async () => {
    const analyst = await signIn(t, 'analyst');
    expect((await analyst.get('/api/v1/jurisdictions')).status).toBe(200);
    await t.dataSource.query('UPDATE users SET must_change_password = true WHERE id = $1', [analyst.id]);
    expectProblem(await analyst.get('/api/v1/jurisdictions'), 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await analyst.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true);
  });

  it('resets a password: a new one-time password, every session ended, the change required again', async () => {
    const { agent, oneTimePassword } = await issued('analyst');
    const own = await agent.post('/api/v1/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: OWN_PASSWORD,
    });
    const sessions = [own.body.accessToken as string, (await login(agent.email, OWN_PASSWORD)).body.accessToken];
    const cookie = ((await login(agent.email, OWN_PASSWORD, 'cookie')).headers['set-cookie'] as unknown as string[])[0];
    for (const token of sessions)
      expect((await t.http.get('/api/v1/jurisdictions').set(bearer(token))).status).toBe(200);

    const reset = await admin.post(`/api/v1/users/${agent.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ oneTimePassword: expect.stringMatching(ONE_TIME) });
    const next = reset.body.oneTimePassword as string;
    expect(next).not.toBe(oneTimePassword);

    for (const token of sessions) {
      expectProblem(await t.http.get('/api/v1/auth/me').set(bearer(token)), 401, 'AUTH.UNAUTHENTICATED');
    }
    expectProblem(await t.http.get('/api/v1/auth/me').set('Cookie', cookie.split(';')[0]), 401, 'AUTH.SESSION_ENDED');
    expectProblem(await login(agent.email, OWN_PASSWORD), 401, 'AUTH.INVALID_CREDENTIALS');
    const held = await login(agent.email, next);
    expect(held.body.mustChangePassword).toBe(true);
    expectProblem(
      await t.http.get('/api/v1/jurisdictions').set(bearer(held.body.accessToken)),
      403,
      'AUTH.PASSWORD_CHANGE_REQUIRED',
    );
    expect((await admin.get(`/api/v1/users/${agent.id}`)).body.mustChangePassword).toBe(true);

    const events = (await audited(agent.id)).filter((e) => e.action === 'user.password_reset');
    expect(events).toHaveLength(1);
    const everything = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(everything).not.toContain(next);
  });

  it('resets a disabled user, who stays disabled', async () => {
    const viewer = await signIn(t, 'viewer');
    expect((await admin.patch(`/api/v1/users/${viewer.id}`, { disabled: true })).status).toBe(200);
    const reset = await admin.post(`/api/v1/users/${viewer.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(await stored(viewer.id)).toMatchObject({ disabled: true, must_change_password: true });
    expectProblem(await login(viewer.email, reset.body.oneTimePassword), 401, 'AUTH.INVALID_CREDENTIALS');
    // once re-enabled, the one-time password signs in, held until the change
    expect((await admin.patch(`/api/v1/users/${viewer.id}`, { disabled: false })).status).toBe(200);
    expect((await login(viewer.email, reset.body.oneTimePassword)).body.mustChangePassword).toBe(true);
  });

  it('lets only admins reset, and only users that exist', async () => {
    const target = await signIn(t, 'viewer');
    const before = await stored(target.id);
    for (const who of [
      await signIn(t, 'analyst'),
      await signIn(t, 'viewer'),
      await signIn(t, 'focal_person', 'PK-PB'),
    ]) {
      expectProblem(await who.post(`/api/v1/users/${target.id}/reset-password`), 403, 'AUTH.FORBIDDEN');
    }
    expectProblem(await t.http.post(`/api/v1/users/${target.id}/reset-password`), 401, 'AUTH.UNAUTHENTICATED');
    expect(await stored(target.id)).toEqual(before);
    expect((await target.get('/api/v1/auth/me')).status).toBe(200);
    expectProblem(
      await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/reset-password'),
      404,
      'USER.NOT_FOUND',
    );
  });

  it('counts wrong current passwords as failed sign-ins of the account from that address', async () => {
    const { agent, oneTimePassword } = await issued('viewer');
    for (let i = 0; i < 5; i++) {
      const res = await agent.post('/api/v1/auth/password', {
        currentPassword: `guess ${i}`,
        newPassword: OWN_PASSWORD,
      });
      expectFieldProblem(res, 'currentPassword', 'AUTH.CURRENT_PASSWORD_WRONG');
    }
    // the fifth failure starts the wait: even the right password waits, here and at login from this address
    const waiting = await agent.post('/api/v1/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: OWN_PASSWORD,
    });
    expectProblem(waiting, 429, 'AUTH.LOGIN_THROTTLED');
    expect(waiting.body.retryAfterSeconds).toBeGreaterThan(10);
    expectProblem(await login(agent.email, oneTimePassword), 429, 'AUTH.LOGIN_THROTTLED');
    expect((await stored(agent.id)).must_change_password).toBe(true);
    // an admin's reset lifts the wait
    const reset = await admin.post(`/api/v1/users/${agent.id}/reset-password`);
    expect((await login(agent.email, reset.body.oneTimePassword)).status).toBe(200);
  });
});

describe('one-time passwords in a browser session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('changes the password with the CSRF header only, and replaces the session cookie', async () => {
    const admin = await signIn(t, 'admin');
    const created = await admin.post('/api/v1/users', {
      email: 'browser.user@test.example',
      role: 'focal_person',
      jurisdiction: 'PK-SD',
    });
    const oneTimePassword = created.body.oneTimePassword as string;
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'browser.user@test.example', password: oneTimePassword, session: 'cookie' });
    expect(login.body).toEqual({ expiresIn: 3600, mustChangePassword: true });
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const withCookie = (req: request.Test, c = cookie) => req.set('Cookie', c);
    expectProblem(await withCookie(t.http.get('/api/v1/cases')), 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await withCookie(t.http.get('/api/v1/auth/me'))).body.mustChangePassword).toBe(true);

    const body = { currentPassword: oneTimePassword, newPassword: OWN_PASSWORD };
    // a page of another site sends the cookie but cannot add the header: nothing changes
    expectProblem(await withCookie(t.http.post('/api/v1/auth/password')).send(body), 403, 'AUTH.CSRF');
    expect((await withCookie(t.http.get('/api/v1/auth/me'))).body.mustChangePassword).toBe(true);

    const changed = await withCookie(t.http.post('/api/v1/auth/password')).set('X-TIP-CSRF', '1').send(body);
    expect(changed.status).toBe(200);
    // the token stays out of the page's reach, in a new cookie like the login's
    expect(changed.body).toEqual({ expiresIn: 3600, mustChangePassword: false });
    const setCookie = (changed.headers['set-cookie'] as unknown as string[])[0];
    // the cookie outlives its token (3600 s) by a day, so that an expired session can be told apart
    expect(setCookie).toMatch(/^tip_session=[^;]+; Path=\/api; Max-Age=90000; HttpOnly; SameSite=Strict$/);
    const fresh = setCookie.split(';')[0];
    expect(fresh).not.toBe(cookie);

    expectProblem(await withCookie(t.http.get('/api/v1/auth/me')), 401, 'AUTH.SESSION_ENDED');
    const me = await withCookie(t.http.get('/api/v1/auth/me'), fresh);
    expect(me.body).toMatchObject({ email: 'browser.user@test.example', mustChangePassword: false });
    expect((await withCookie(t.http.get('/api/v1/cases'), fresh)).status).toBe(200);
  });
});
