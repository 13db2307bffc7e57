import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Agent, agentOf, bearer, signIn } from 'test/support/agent';
import { LoginAnswer, loginFrom } from 'test/support/login-from';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '40' });
  });
  afterAll(() => t.close());

  it('logs in and answers who the token belongs to', async () => {
    const focal = await signIn(t, 'focal_person', 'PK-PB');
    const res = await focal.get('/api/v1/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: focal.id,
      email: focal.email,
      role: 'focal_person',
      reportingUnit: { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] },
      jurisdiction: 'PK-PB',
      mustChangePassword: false,
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const user = await signIn(t, 'analyst');
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not the password at all' });
    expectProblem(wrong, 401, 'AUTH.INVALID_CREDENTIALS');
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.example', password: 'whatever-password' });
    expectProblem(unknown, 401, 'AUTH.INVALID_CREDENTIALS');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const failed = await t.dataSource.query(
      `SELECT actor_email FROM audit_events WHERE action = 'auth.login_failed' ORDER BY id`,
    );
    expect(failed.map((r: { actor_email: string }) => r.actor_email)).toEqual(
      expect.arrayContaining([user.email, 'nobody@test.example']),
    );
    const audited = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(audited).not.toContain('not the password at all');
  });

  it('refuses a login with missing or malformed fields, naming them', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'someone@test.example' });
    expectProblem(res, 400, 'COMMON.VALIDATION_FAILED');
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['password']);
    const typed = await t.http.post('/api/v1/auth/login').send({ email: 1e20, password: ['a'] });
    expectProblem(typed, 400, 'COMMON.VALIDATION_FAILED');
    expect(typed.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('answers malformed JSON with a problem, not a stack trace', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", ');
    expectProblem(res, 400, 'COMMON.MALFORMED_REQUEST');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it("lets an attacker's failures from one address delay only that address, never the owner elsewhere", async () => {
    const owner = await signIn(t, 'viewer');
    const attacker = (password: string) => loginFrom(t, '127.0.0.2', owner.email, password);
    for (let i = 0; i < 5; i++) expectProblem(await attacker(`wrong password ${i}`), 401, 'AUTH.INVALID_CREDENTIALS');
    // the 5th failure starts a 15-second wait for this e-mail from this address, even for the right password
    const waiting = await attacker(TEST_PASSWORD);
    expectProblem(waiting, 429, 'AUTH.LOGIN_THROTTLED');
    expect(waiting.body.retryAfterSeconds).toBeGreaterThan(10);
    expect(waiting.body.retryAfterSeconds).toBeLessThanOrEqual(15);
    expect(waiting.headers['retry-after']).toBe(String(waiting.body.retryAfterSeconds));
    expect(JSON.stringify(waiting.body)).not.toMatch(/lockedUntil|locked/i);
    // the owner, from another address, signs in at once
    expect((await loginFrom(t, '127.0.0.3', owner.email, TEST_PASSWORD)).status).toBe(200);

    // each failure after a wait doubles the next wait
    const pair = [owner.email, '127.0.0.2'];
    const expire = () =>
      t.dataSource.query(
        `UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE email = $1 AND client_address = $2`,
        pair,
      );
    await expire();
    expectProblem(await attacker('wrong password again'), 401, 'AUTH.INVALID_CREDENTIALS');
    expect((await attacker(TEST_PASSWORD)).body.retryAfterSeconds).toBeGreaterThan(25);
    await expire();
    expectProblem(await attacker('and again'), 401, 'AUTH.INVALID_CREDENTIALS');
    expect((await attacker(TEST_PASSWORD)).body.retryAfterSeconds).toBeGreaterThan(55);
    // and the wait is capped (15 minutes by default)
    await t.dataSource.query(
      `UPDATE login_throttles SET failures = 60, blocked_until = NULL WHERE email = $1 AND client_address = $2`,
      pair,
    );
    expectProblem(await attacker('once more'), 401, 'AUTH.INVALID_CREDENTIALS');
    expect((await attacker(TEST_PASSWORD)).body.retryAfterSeconds).toBe(900);

    const audited = await t.dataSource.query(
      `SELECT action, detail, ip FROM audit_events WHERE actor_id = $1 AND action IN ('auth.login_throttled', 'auth.login_failed') ORDER BY id`,
      [owner.id],
    );
    const throttled = audited.filter((e: { action: string }) => e.action === 'auth.login_throttled');
    expect(throttled.map((e: { detail: { delaySeconds: number } }) => e.detail.delaySeconds)).toEqual([
      15, 30, 60, 900,
    ]);
    expect(throttled.every((e: { ip: string }) => e.ip.endsWith('127.0.0.2'))).toBe(true);
    expect(audited.filter((e: { detail: { reason?: string } }) => e.detail.reason === 'throttled')).toHaveLength(4);

    // once the wait is over, the right password from that address works and forgets the failures
    await expire();
    expect((await attacker(TEST_PASSWORD)).status).toBe(200);
    expect(
      await t.dataSource.query(`SELECT 1 FROM login_throttles WHERE email = $1 AND client_address = $2`, pair),
    ).toEqual([]);

    // an admin's password reset lifts every wait on the account
    for (let i = 0; i < 5; i++) await attacker(`wrong password ${i}`);
    expectProblem(await attacker(TEST_PASSWORD), 429, 'AUTH.LOGIN_THROTTLED');
    const admin = await signIn(t, 'admin');
    await admin.patch(`/api/v1/users/${owner.id}`).send({ password: 'a fresh passphrase from the admin' }).expect(200);
    expect((await attacker('a fresh passphrase from the admin')).status).toBe(200);
  });

  it('answers an unknown e-mail, a wrong password, a disabled account and a waiting one alike, in the same time', async () => {
    const known = await signIn(t, 'analyst');
    const disabled = await signIn(t, 'analyst');
    await t.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [disabled.id]);
    const shape = (res: LoginAnswer) => ({ status: res.status, body: { ...res.body, requestId: undefined } });

    // not yet waiting: 401, one body, and the time of an argon2 check either way (measured as means, interleaved)
    const times: Record<'known' | 'unknown' | 'disabled', number[]> = { known: [], unknown: [], disabled: [] };
    let reference: ReturnType<typeof shape> | undefined;
    for (let round = 0; round < 8; round++) {
      for (const [kind, email] of [
        ['known', known.email],
        ['unknown', `nobody-${round}@test.example`],
        ['disabled', disabled.email],
      ] as const) {
        const res = await loginFrom(t, `127.0.1.${round + 1}`, email, 'not the right password');
        reference ??= shape(res);
        expect(shape(res)).toEqual(reference);
        times[kind].push(res.ms);
      }
    }
    expect(reference!.status).toBe(401);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const kind of ['unknown', 'disabled'] as const) {
      const ratio = mean(times[kind]) / mean(times.known);
      expect([kind, ratio > 0.5 && ratio < 2]).toEqual([kind, true]);
    }

    // waiting: the same 429 whether the e-mail belongs to an account or not
    const address = '127.0.2.1';
    const lastFailureAt: number[] = [];
    for (const email of [known.email, 'nobody-at-all@test.example']) {
      for (let i = 0; i < 5; i++) await loginFrom(t, address, email, 'not the right password');
      lastFailureAt.push(Date.now());
    }
    // each wait runs from that e-mail's last failure: the two differ by the time between them
    const skewSeconds = Math.ceil((lastFailureAt[1] - lastFailureAt[0]) / 1000);
    const waiting = { known: [] as number[], unknown: [] as number[] };
    for (let round = 0; round < 8; round++) {
      const a = await loginFrom(t, address, known.email, TEST_PASSWORD);
      const b = await loginFrom(t, address, 'nobody-at-all@test.example', TEST_PASSWORD);
      expect(shape(a).status).toBe(429);
      expect({ ...shape(a).body, retryAfterSeconds: 0 }).toEqual({ ...shape(b).body, retryAfterSeconds: 0 });
      expect(Math.abs(a.body.retryAfterSeconds - b.body.retryAfterSeconds)).toBeLessThanOrEqual(skewSeconds + 1);
      waiting.known.push(a.ms);
      waiting.unknown.push(b.ms);
    }
    // neither runs argon2: both are quick, and within a few milliseconds of each other on average
    expect(Math.abs(mean(waiting.known) - mean(waiting.unknown))).toBeLessThan(Math.max(25, mean(times.known) / 2));
  });

  it('revokes every token on logout', async () => {
    const user = await signIn(t, 'analyst');
    const second = await t.login(user.email);
    expect((await user.post('/api/v1/auth/logout')).status).toBe(204);
    for (const token of [user.token, second]) {
      expectProblem(await t.http.get('/api/v1/auth/me').set(bearer(token)), 401, 'AUTH.UNAUTHENTICATED');
    }
    expect((await t.http.get('/api/v1/auth/me').set(bearer(await t.login(user.email)))).status).toBe(200);
  });

  it('revokes tokens when an admin changes the password or disables the user', async () => {
    const admin = await signIn(t, 'admin');
    const a = await signIn(t, 'analyst');
    const b = await signIn(t, 'analyst');
    const patch = (id: string, body: object) => admin.patch(`/api/v1/users/${id}`).send(body);
    expect((await patch(a.id, { password: 'a brand new password 1' })).status).toBe(200);
    expectProblem(await a.get('/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    expect(
      (await t.http.post('/api/v1/auth/login').send({ email: a.email, password: 'a brand new password 1' })).status,
    ).toBe(200);

    expect((await patch(b.id, { disabled: true })).status).toBe(200);
    expectProblem(await b.get('/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(
      await t.http.post('/api/v1/auth/login').send({ email: b.email, password: TEST_PASSWORD }),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
  });

  it('refuses expired, tampered and alg:none tokens', async () => {
    const user = await signIn(t, 'analyst');
    const [header, payload] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const secret = t.config.auth.jwtSecret;
    const sign = (h: object, p: object) => {
      const body = `${b64(h)}.${b64(p)}`;
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    const expired = sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: 1_000, exp: 2_000 });
    const tampered = `${header}.${b64({ ...claims, role: 'admin' })}.${user.token.split('.')[2]}`;
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const wrongKey = `${header}.${payload}.${createHmac('sha256', 'another-secret').update(`${header}.${payload}`).digest('base64url')}`;
    for (const token of [expired, tampered, none, wrongKey, 'not-a-jwt']) {
      expectProblem(await t.http.get('/api/v1/auth/me').set(bearer(token)), 401, 'AUTH.UNAUTHENTICATED');
    }
    expect((await t.http.get('/api/v1/auth/me').set(bearer(sign({ alg: 'HS256', typ: 'JWT' }, claims)))).status).toBe(
      200,
    );
  });

  it('limits login attempts per client address', async () => {
    const limited = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '30' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        statuses.push(
          (
            await limited.http
              .post('/api/v1/auth/login')
              .send({ email: `u${i}@test.example`, password: 'wrong-password-x' })
          ).status,
        );
      }
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('users (admin)', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  const post = (body: object, who: Agent = admin) => who.post('/api/v1/users', body);

  it('creates a focal person bound to a jurisdiction and never returns the hash', async () => {
    const res = await post({
      email: 'Focal.Sindh@Test.example',
      password: 'long enough password',
      role: 'focal_person',
      jurisdiction: 'PK-SD',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: 'focal.sindh@test.example',
      role: 'focal_person',
      reportingUnit: 'POLICE-PK-SD',
      jurisdiction: 'PK-SD',
      disabled: false,
      // the admin chose it, so it is one-time; the admin knows it, so it is not echoed
      mustChangePassword: true,
      lastLoginAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon|hash|long enough password/i);
    expectProblem(
      await post({ email: 'focal.sindh@test.example', password: 'long enough password', role: 'viewer' }),
      409,
      'USER.ALREADY_EXISTS',
    );
    const audit = await t.dataSource.query(
      `SELECT changed_fields FROM audit_events WHERE action = 'user.create' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit[0].changed_fields).toContain('password');
  });

  it('lists every invalid field, including unknown ones', async () => {
    const res = await post({ email: 'not-an-email', password: 'short', role: 'superuser', extra: 1 });
    expectProblem(res, 400, 'COMMON.VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'role', 'extra']));
    expect(JSON.stringify(res.body)).not.toContain('not-an-email');
  });

  it('requires a jurisdiction exactly for focal persons', async () => {
    expectProblem(
      await post({ email: 'f1@test.example', password: 'long enough password', role: 'focal_person' }),
      422,
      'USER.INVALID_ROLE_SCOPE',
    );
    expectProblem(
      await post({
        email: 'f2@test.example',
        password: 'long enough password',
        role: 'analyst',
        jurisdiction: 'PK-PB',
      }),
      422,
      'USER.INVALID_ROLE_SCOPE',
    );
    expectProblem(
      await post({
        email: 'f3@test.example',
        password: 'long enough password',
        role: 'focal_person',
        jurisdiction: 'PK-XX',
      }),
      404,
      'REFERENCE.JURISDICTION_NOT_FOUND',
    );
  });

  it('is closed to every other role', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      const u = await signIn(t, role);
      expectProblem(await u.get('/api/v1/users'), 403, 'AUTH.FORBIDDEN');
      expectProblem(
        await post({ email: `x-${role}@test.example`, password: 'long enough password', role: 'admin' }, u),
        403,
        'AUTH.FORBIDDEN',
      );
    }
    const focal = await signIn(t, 'focal_person', 'PK-PB');
    expectProblem(await focal.get('/api/v1/audit'), 403, 'AUTH.FORBIDDEN');
    expectProblem(await t.http.get('/api/v1/users'), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('refuses weak passwords on creation and on an admin reset, saying why', async () => {
    const weak: Array<[string, string]> = [
      [' '.repeat(12), 'AUTH.PASSWORD_BLANK'],
      ['aaaaaaaaaaaa', 'AUTH.PASSWORD_REPEATED'],
      ['123456789012', 'AUTH.PASSWORD_SEQUENCE'],
      ['abcdefghijkl', 'AUTH.PASSWORD_SEQUENCE'],
      ['password1234', 'AUTH.PASSWORD_COMMON'],
      ['new.analyst@test.example', 'AUTH.PASSWORD_CONTAINS_EMAIL'],
      ['analyst of the year', 'AUTH.PASSWORD_CONTAINS_EMAIL'],
    ];
    for (const [password, code] of weak) {
      const res = await post({ email: 'new.analyst@test.example', password, role: 'analyst' });
      expectProblem(res, 400, 'COMMON.VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'password', code, message: expect.stringMatching(/^password /) }]);
      expect(JSON.stringify(res.body)).not.toContain(password.trim() || 'x'.repeat(99));
    }
    expect((await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'new.analyst@test.example'`)).length).toBe(0);
    const created = await post({ email: 'new.analyst@test.example', password: TEST_PASSWORD, role: 'analyst' });
    expect(created.status).toBe(201);
    const reset = (password: string) => admin.patch(`/api/v1/users/${created.body.id}`).send({ password });
    for (const [password, code] of weak) {
      const res = await reset(password);
      expectProblem(res, 400, 'COMMON.VALIDATION_FAILED');
      expect(res.body.errors[0]).toMatchObject({ field: 'password', code });
    }
    await t.login('new.analyst@test.example');
    expect((await reset('a kite above the old harbour')).status).toBe(200);
    await t.login('new.analyst@test.example', 'a kite above the old harbour');
  });

  it('shows the audit trail of logins to admins', async () => {
    const res = await admin.get('/api/v1/audit?action=auth.login&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
  });
});

describe('the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  it('is created with a weak password outside production, with a warning that does not quote it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const t = await createTestApp({ ADMIN_EMAIL: 'first.admin@test.example', ADMIN_PASSWORD: 'password1234' });
    try {
      const warnings = warn.mock.calls.map((call) => String(call[0]));
      expect(warnings).toContainEqual(
        expect.stringMatching(/ADMIN_PASSWORD is weak \(password is, or is close to, one in a list of common/),
      );
      expect(warnings.join(' ')).not.toContain('password1234');
      // the operator set it, so it is not one-time: the first admin goes straight to work
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'first.admin@test.example', password: 'password1234' });
      expect(login.body.mustChangePassword).toBe(false);
      const users = await t.http.get('/api/v1/users').set(bearer(login.body.accessToken));
      expect(users.status).toBe(200);
      expect(users.body).toEqual([
        expect.objectContaining({ email: 'first.admin@test.example', mustChangePassword: false }),
      ]);
    } finally {
      warn.mockRestore();
      await t.close();
    }
  });
});

describe('the last administrator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patch = (who: Agent, id: string, body: object) => who.patch(`/api/v1/users/${id}`, body);
  const activeAdmins = async () =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled`))[0].n);

  it('cannot demote or disable themselves, or be demoted or disabled, while no other admin is active', async () => {
    const only = await signIn(t, 'admin');
    expect(await activeAdmins()).toBe(1);
    for (const body of [{ role: 'analyst' }, { disabled: true }, { role: 'focal_person', jurisdiction: 'PK-PB' }]) {
      expectProblem(await patch(only, only.id, body), 409, 'USER.LAST_ADMIN');
    }
    // a disabled admin does not count
    const dormant = await signIn(t, 'admin');
    expect((await patch(only, dormant.id, { disabled: true })).status).toBe(200);
    expectProblem(await patch(only, only.id, { role: 'viewer' }), 409, 'USER.LAST_ADMIN');
    // once another admin is active, either may step down
    expect((await patch(only, dormant.id, { disabled: false })).status).toBe(200);
    expect((await patch(only, only.id, { role: 'analyst' })).status).toBe(200);
    expect(await activeAdmins()).toBe(1);
    // the password of the last admin may still change
    const last = agentOf(t.http, { ...dormant, token: await t.login(dormant.email) });
    expect((await patch(last, dormant.id, { password: 'another long passphrase for the last one' })).status).toBe(200);
  });

  it('keeps one active admin when two admins demote or disable each other at the same moment', async () => {
    await t.dataSource.query(`UPDATE users SET disabled = true WHERE role = 'admin'`);
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await signIn(t, 'admin'), await signIn(t, 'admin')];
      const answers = await Promise.all([
        patch(a, b.id, round % 2 ? { disabled: true } : { role: 'analyst' }),
        patch(b, a.id, { role: 'viewer' }),
      ]);
      // the loser is refused by the rule, or — when the winner's change revoked its token first — at the door
      const [won, lost] = [...answers].sort((x, y) => x.status - y.status);
      expect(won.status).toBe(200);
      expect([lost.status, lost.body.code]).toEqual(
        lost.status === 401 ? [401, 'AUTH.UNAUTHENTICATED'] : [409, 'USER.LAST_ADMIN'],
      );
      expect(await activeAdmins()).toBe(1);
      await t.dataSource.query(`UPDATE users SET disabled = true WHERE role = 'admin'`);
    }
  });
});
