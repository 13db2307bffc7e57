import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac, generateKeyPairSync, randomUUID, sign as rsaSign } from 'node:crypto';
import { UsersService } from 'src/users/users.service';
import { Agent, bearer, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { loginFrom } from 'test/support/login-from';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

// the built web application is found in web/dist; a test may point the service at another build
jest.mock('src/web-app', () => {
  const actual = jest.requireActual('src/web-app');
  return { ...actual, webAppDir: () => process.env.TIP_TEST_WEB_DIR ?? actual.webAppDir() };
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Attacks on bearer tokens, browser sessions and sign-in that auth.e2e-spec.ts and browser-session.e2e-spec.ts leave out. */
describe('tokens and sessions under attack', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '100000' });
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  /** A token with this header and these claims, signed with HMAC-`hash` under `secret` (the service's, unless given). */
  const forge = (header: object, claims: object, hash = 'sha256', secret = t.config.auth.jwtSecret) => {
    const body = `${b64(header)}.${b64(claims)}`;
    return `${body}.${createHmac(hash, secret).update(body).digest('base64url')}`;
  };
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const me = (token: string) => t.http.get('/api/v1/auth/me').set(bearer(token));
  const refused = async (token: string) => expectProblem(await me(token), 401, 'AUTH.UNAUTHENTICATED');

  describe('forged and altered tokens', () => {
    let user: Agent;
    let claims: Record<string, unknown>;
    const HS256 = { alg: 'HS256', typ: 'JWT' };
    beforeAll(async () => {
      user = await signIn(t, 'analyst');
      claims = claimsOf(user.token);
    });

    it('accepts the genuine claims re-signed as issued (so each refusal below is of the one change made)', async () => {
      expect((await me(forge(HS256, claims))).status).toBe(200);
    });

    it('refuses another algorithm in the header, signed with the same secret: HS384, HS512, RS256, PS256, ES256', async () => {
      await refused(forge({ alg: 'HS512', typ: 'JWT' }, claims, 'sha512'));
      await refused(forge({ alg: 'HS384', typ: 'JWT' }, claims, 'sha384'));
      // key confusion: an RS256 header whose "signature" is an HMAC keyed with the secret
      for (const alg of ['RS256', 'PS256', 'ES256']) await refused(forge({ alg, typ: 'JWT' }, claims));
      // and a real RS256 signature with an attacker's own key, its public key offered in the header
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = publicKey.export({ format: 'jwk' });
      const body = `${b64({ alg: 'RS256', typ: 'JWT', jwk })}.${b64(claims)}`;
      await refused(`${body}.${rsaSign('sha256', Buffer.from(body), privateKey).toString('base64url')}`);
      // 'none' in any spelling
      for (const alg of ['none', 'None', 'NONE', 'nOnE']) await refused(`${b64({ alg, typ: 'JWT' })}.${b64(claims)}.`);
    });

    it('refuses a token signed with another secret, and one with its signature cut off', async () => {
      await refused(forge(HS256, claims, 'sha256', 'a-different-secret-of-the-same-length-xx'));
      await refused(forge(HS256, claims, 'sha256', ''));
      await refused(user.token.split('.').slice(0, 2).join('.') + '.');
      await refused(user.token.split('.').slice(0, 2).join('.'));
    });

    it('refuses an expired token and one not yet valid (nbf or iat in the future)', async () => {
      await refused(forge(HS256, { ...claims, exp: now() - 5 }));
      await refused(forge(HS256, { ...claims, nbf: now() + 3600 }));
      await refused(forge(HS256, { ...claims, iat: now() + 3600, exp: now() + 7200 }));
      await refused(forge(HS256, { ...claims, exp: 'never' }));
    });

    it('refuses a token without a subject or version, or with either of the wrong type', async () => {
      const { sub, ver, ...rest } = claims;
      await refused(forge(HS256, rest));
      await refused(forge(HS256, { ...rest, ver }));
      await refused(forge(HS256, { ...rest, sub }));
      await refused(forge(HS256, { ...claims, sub: [sub] }));
      await refused(forge(HS256, { ...claims, sub: { id: sub } }));
      await refused(forge(HS256, { ...claims, ver: String(ver) }));
    });

    it('refuses a subject that is no user: an unknown id, a malformed one, an injection attempt', async () => {
      for (const sub of [
        randomUUID(),
        '00000000-0000-0000-0000-000000000000',
        'not-a-uuid',
        "' OR 1=1 --",
        `${user.id}' OR '1'='1`,
        '',
        'x'.repeat(5000),
      ]) {
        await refused(forge(HS256, { ...claims, sub }));
      }
    });

    it("refuses a correctly signed token of a user who no longer exists, and never lends the token's claimed role", async () => {
      const gone = await signIn(t, 'admin');
      await t.dataSource.query('DELETE FROM audit_events WHERE actor_id = $1 OR entity_id = $2', [gone.id, gone.id]);
      await t.dataSource.query('DELETE FROM users WHERE id = $1', [gone.id]);
      await refused(gone.token);
      // a token claiming admin for an analyst reads the analyst's role from the database
      const claimed = forge(HS256, { ...claims, role: 'admin' });
      expect((await me(claimed)).body.role).toBe('analyst');
      expectProblem(await t.http.get('/api/v1/users').set(bearer(claimed)), 403, 'AUTH.FORBIDDEN');
    });
  });

  describe('revocation', () => {
    it('ends every token of a user whose role an admin changes, and of a focal person whose unit changes', async () => {
      const analyst = await signIn(t, 'analyst');
      const second = await t.login(analyst.email);
      expect((await admin.patch(`/api/v1/users/${analyst.id}`, { role: 'viewer' })).status).toBe(200);
      for (const token of [analyst.token, second]) await refused(token);
      // the new token carries the new role
      expect((await me(await t.login(analyst.email))).body.role).toBe('viewer');

      const focal = await signIn(t, 'focal_person', 'PK-PB');
      expect((await focal.get('/api/v1/cases')).status).toBe(200);
      expect((await admin.patch(`/api/v1/users/${focal.id}`, { jurisdiction: 'PK-SD' })).status).toBe(200);
      await refused(focal.token);
      expect((await me(await t.login(focal.email))).body.jurisdiction).toBe('PK-SD');
    });

    it('ends the old token at a password change of their own, an admin reset and disabling; re-enabling does not revive it', async () => {
      const user = await signIn(t, 'analyst');
      const changed = await user.post('/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'a lantern over the river bend',
      });
      expect(changed.status).toBe(200);
      await refused(user.token);
      const fresh = changed.body.accessToken as string;
      expect((await me(fresh)).status).toBe(200);

      const reset = await admin.post(`/api/v1/users/${user.id}/reset-password`);
      expect(reset.status).toBe(200);
      await refused(fresh);

      const afterReset = await t.login(user.email, reset.body.oneTimePassword);
      expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: true })).status).toBe(200);
      await refused(afterReset);
      expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: false })).status).toBe(200);
      await refused(afterReset);
    });
  });

  describe('the browser session', () => {
    let email: string;
    beforeAll(async () => {
      email = (await t.userWithToken('focal_person', 'PK-PB')).email;
    });
    const cases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);
    const sessionCookie = async () => {
      const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD, session: 'cookie' });
      expect(login.status).toBe(200);
      return (login.headers['set-cookie'] as unknown as string[])[0];
    };

    it('sets the cookie HttpOnly, SameSite=Strict, on /api only, for no longer than a day past the token, not Secure over plain http', async () => {
      const set = await sessionCookie();
      const attributes = set.split(';').map((a) => a.trim());
      expect(attributes).toEqual(
        expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api', expect.stringMatching(/^Max-Age=\d+$/)]),
      );
      expect(attributes.find((a) => a.startsWith('Domain'))).toBeUndefined();
      const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))!.split('=')[1]);
      expect(maxAge).toBeLessThanOrEqual(t.config.auth.jwtExpiresInSeconds + 24 * 3600);
      // the service here answers plain http, and trusts no proxy header to claim otherwise
      expect(attributes).not.toContain('Secure');
      const proxied = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ email, password: TEST_PASSWORD, session: 'cookie' });
      expect((proxied.headers['set-cookie'] as unknown as string[])[0]).not.toMatch(/Secure/);
    });

    it('refuses a change by cookie without the CSRF header, with a wrong value, or from a page of another origin', async () => {
      const cookie = (await sessionCookie()).split(';')[0];
      const before = await cases();
      const write = () => t.http.post('/api/v1/cases').set('Cookie', cookie);
      expectProblem(await write().send(caseBody({ firNumber: 'C-1' })), 403, 'AUTH.CSRF');
      for (const value of ['0', 'true', '', '1, 1'])
        expectProblem(
          await write()
            .set('X-TIP-CSRF', value)
            .send(caseBody({ firNumber: 'C-2' })),
          403,
          'AUTH.CSRF',
        );
      // a form post of another site: its content type, its Origin
      expectProblem(await write().type('form').send({ district: 'Lahore', firNumber: 'C-3' }), 403, 'AUTH.CSRF');
      // the header with a foreign Origin (a page that got a CORS grant somewhere, a browser plug-in) or Referer
      for (const [header, value] of [
        ['Origin', 'https://attacker.example'],
        ['Origin', 'null'],
        ['Referer', 'https://attacker.example/page'],
      ]) {
        expectProblem(
          await write()
            .set('X-TIP-CSRF', '1')
            .set(header, value)
            .send(caseBody({ firNumber: 'C-4' })),
          403,
          'AUTH.CSRF',
        );
      }
      // an Authorization header that carries no bearer token does not make a cookie request a bearer one
      expectProblem(
        await write()
          .set('Authorization', 'Basic dXNlcjpwYXNz')
          .send(caseBody({ firNumber: 'C-5' })),
        403,
        'AUTH.CSRF',
      );
      expect(await cases()).toBe(before);
      // the service's own page: same origin, with the header
      const host = 'tip.police.example';
      const own = await write()
        .set('Host', host)
        .set('Origin', `http://${host}`)
        .set('X-TIP-CSRF', '1')
        .send(caseBody({ firNumber: 'C-6' }));
      expect(own.status).toBe(201);
      // reading needs no header
      expect((await t.http.get('/api/v1/cases').set('Cookie', cookie)).status).toBe(200);
    });

    it('grants no cross-origin read: no CORS header for another origin, and a preflight is not allowed', async () => {
      const cookie = (await sessionCookie()).split(';')[0];
      const read = await t.http.get('/api/v1/auth/me').set('Cookie', cookie).set('Origin', 'https://attacker.example');
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      expect(read.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await t.http
        .options('/api/v1/cases')
        .set('Origin', 'https://attacker.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-tip-csrf, content-type');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    });
  });

  describe('security headers', () => {
    const expectHardened = (headers: Record<string, string>, where: string) => {
      const csp = new Map(
        String(headers['content-security-policy'])
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v]),
      );
      expect([where, csp.get('default-src')]).toEqual([where, ["'self'"]]);
      expect([where, csp.get('frame-ancestors')]).toEqual([where, ["'none'"]]);
      expect([where, csp.get('object-src')]).toEqual([where, ["'none'"]]);
      expect([where, csp.get('base-uri')]).toEqual([where, ["'self'"]]);
      for (const directive of ['script-src', 'default-src'])
        expect([where, directive, csp.get(directive) ?? []]).toEqual([
          where,
          directive,
          expect.not.arrayContaining(["'unsafe-inline'", "'unsafe-eval'", '*']),
        ]);
      expect([where, headers['x-content-type-options']]).toEqual([where, 'nosniff']);
      expect([where, headers['x-frame-options']]).toEqual([where, 'SAMEORIGIN']);
      expect([where, headers['referrer-policy']]).toEqual([where, 'no-referrer']);
      expect([where, headers['cross-origin-opener-policy']]).toEqual([where, 'same-origin']);
      expect([where, headers['x-powered-by']]).toEqual([where, undefined]);
      expect([where, headers['strict-transport-security']]).toEqual([where, expect.stringMatching(/max-age=\d{6,}/)]);
    };

    it('answers every kind of API answer with the hardening headers: data, a problem, an unknown route, a download', async () => {
      const focal = await signIn(t, 'focal_person', 'PK-PB');
      const answers: Array<[string, { headers: Record<string, string> }]> = [
        ['health', await t.http.get('/api/v1/health')],
        ['me', await focal.get('/api/v1/auth/me')],
        ['401', await t.http.get('/api/v1/cases')],
        ['400', await focal.get('/api/v1/cases?page=x')],
        ['404 route', await t.http.get('/api/v1/no-such-route')],
        ['template', await focal.get('/api/v1/imports/template')],
        [
          'login',
          await t.http.post('/api/v1/auth/login').send({ email: 'x@test.example', password: 'wrong-password' }),
        ],
      ];
      for (const [where, res] of answers) {
        expectHardened(res.headers, where);
        expect([where, res.headers['cache-control']]).toEqual([where, 'no-store']);
      }
    });

    it('answers the web pages with the same headers, served from the built application', async () => {
      // a minimal build, served the way the service serves whatever web/dist holds
      const dir = mkdtempSync(join(tmpdir(), 'tip-web-'));
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>TIP</title><script src="/assets/app.js"></script>');
      writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
      process.env.TIP_TEST_WEB_DIR = dir;
      const web = await createTestApp();
      try {
        for (const path of ['/', '/cases/123', '/assets/app.js']) {
          const res = await web.http.get(path);
          expect([path, res.status]).toEqual([path, 200]);
          expectHardened(res.headers, path);
        }
        expect((await web.http.get('/')).text).toContain('<title>TIP</title>');
      } finally {
        delete process.env.TIP_TEST_WEB_DIR;
        await web.close();
      }
    });
  });

  describe('credential stuffing from one address', () => {
    it('throttles an address trying 2 wrong passwords on each of 50 accounts, and leaves the accounts open to others', async () => {
      // the defaults of production
      const app = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '60', LOGIN_FAILURES_BEFORE_DELAY: '5' });
      try {
        // 50 accounts, made directly (their own sign-ins would count against the test's address)
        const users = app.app.get(UsersService);
        const accounts = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const email = `stuffed-${i}@test.example`;
            await users.create({ email, password: TEST_PASSWORD, role: 'viewer' }, null);
            return email;
          }),
        );
        const answers: string[] = [];
        for (const email of accounts)
          for (const attempt of [1, 2]) {
            const res = await loginFrom(app, '127.0.3.1', email, `guess number ${attempt}`);
            answers.push(`${res.status} ${res.body.code}`);
          }
        const refusedAsWrong = answers.filter((a) => a === '401 AUTH.INVALID_CREDENTIALS').length;
        const throttled = answers.filter((a) => a === '429 COMMON.TOO_MANY_REQUESTS').length;
        expect(refusedAsWrong + throttled).toBe(100);
        expect(refusedAsWrong).toBeLessThanOrEqual(60);
        expect(throttled).toBeGreaterThanOrEqual(40);
        // once throttled, even the right password from that address waits
        expect((await loginFrom(app, '127.0.3.1', accounts[0], TEST_PASSWORD)).status).toBe(429);
        // the owners, elsewhere, sign in
        expect((await loginFrom(app, '127.0.3.2', accounts[0], TEST_PASSWORD)).status).toBe(200);
        expect((await loginFrom(app, '127.0.3.3', accounts[49], TEST_PASSWORD)).status).toBe(200);
      } finally {
        await app.close();
      }
    }, 300_000);

    it('holds an address guessing one account at the 5th failure, whatever the pace within the day', async () => {
      const victim = await signIn(t, 'viewer');
      for (let i = 0; i < 5; i++)
        expect((await loginFrom(t, '127.0.3.9', victim.email, `guess ${i}`)).body.code).toBe(
          'AUTH.INVALID_CREDENTIALS',
        );
      // a slow attacker: the wait has passed, but the count of failures remains, and the next wait is longer
      await t.dataSource.query(
        `UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE email = $1`,
        [victim.email],
      );
      expect((await loginFrom(t, '127.0.3.9', victim.email, 'guess 6')).body.code).toBe('AUTH.INVALID_CREDENTIALS');
      expect((await loginFrom(t, '127.0.3.9', victim.email, TEST_PASSWORD)).body.code).toBe('AUTH.LOGIN_THROTTLED');
      const [{ failures }] = await t.dataSource.query(`SELECT failures FROM login_throttles WHERE email = $1`, [
        victim.email,
      ]);
      expect(failures).toBe(6);
    });
  });
});
