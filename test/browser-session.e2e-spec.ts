import { caseBody } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

/** The web application's session: a cookie its scripts cannot read, and changes that a page of another site cannot forge. */
describe('browser session', () => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await createTestApp();
    email = (await t.userWithToken('focal_person', 'PK-PB')).email;
  });
  afterAll(() => t.close());

  const cases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);

  it('keeps the token in an httpOnly, SameSite=Strict cookie, refuses a forged change, and ends at logout', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD, session: 'cookie' });
    expect(login.status).toBe(200);
    // the page's script never sees the token
    expect(login.body).toEqual({ expiresIn: expect.any(Number), mustChangePassword: false });
    const setCookie = (login.headers['set-cookie'] as unknown as string[])[0];
    expect(setCookie).toMatch(/^tip_session=[^;]+; Path=\/api; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0];
    expect((await t.http.get('/api/v1/auth/me').set('Cookie', cookie)).body.email).toBe(email);

    // a cross-site form or script sends the cookie but cannot add the header: nothing changes
    const before = await cases();
    expectProblem(await t.http.post('/api/v1/cases').set('Cookie', cookie).send(caseBody()), 403, 'AUTH.CSRF');
    expectProblem(await t.http.post('/api/v1/auth/logout').set('Cookie', cookie), 403, 'AUTH.CSRF');
    expect(await cases()).toBe(before);

    const own = await t.http.post('/api/v1/cases').set('Cookie', cookie).set('X-TIP-CSRF', '1').send(caseBody());
    expect(own.status).toBe(201);

    const out = await t.http.post('/api/v1/auth/logout').set('Cookie', cookie).set('X-TIP-CSRF', '1');
    expect(out.status).toBe(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(
      /^tip_session=; Path=\/api; Max-Age=0; HttpOnly; SameSite=Strict$/,
    );
    // the token is revoked, so a copy of the old cookie is worth nothing: the page is told its
    // session ended (not that none began) and the cookie is cleared
    const ended = await t.http.get('/api/v1/auth/me').set('Cookie', cookie);
    expectProblem(ended, 401, 'AUTH.SESSION_ENDED');
    expect((ended.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^tip_session=; Path=\/api; Max-Age=0;/);
    // with no cookie at all, nobody has signed in
    expectProblem(await t.http.get('/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('leaves bearer tokens as they were: returned by login, needing no header to change anything', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    expect(login.headers['set-cookie']).toBeUndefined();
    const created = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send(caseBody({ firNumber: '0124' }));
    expect(created.status).toBe(201);
  });

  it('answers with a Content-Security-Policy that allows no inline script and no framing', async () => {
    const csp = (await t.http.get('/api/v1/health')).headers['content-security-policy'];
    const directives = new Map(
      csp
        .split(';')
        .map((d: string) => d.trim().split(/\s+/))
        .map(([k, ...v]: string[]) => [k, v]),
    );
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('script-src') ?? directives.get('default-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });
});
