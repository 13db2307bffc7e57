import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from 'src/config/app-config';
import { localSecrets } from 'src/config/local-secrets';

const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(32),
  CNIC_HMAC_SECRET: 'c'.repeat(32),
  UPLOAD_ENCRYPTION_KEY: KEY_HEX,
  HTCDS_PSEUDONYM_KEY: 'h'.repeat(32),
};

describe('configuration of stored uploads', () => {
  it('refuses to start in production without an upload encryption key, even when development secrets exist', () => {
    const { UPLOAD_ENCRYPTION_KEY: _key, ...withoutKey } = production;
    const dev = { jwtSecret: 'x'.repeat(48), cnicHmacSecret: 'y'.repeat(48), uploadEncryptionKey: KEY_HEX };
    expect(() => loadConfig(withoutKey)).toThrow(/UPLOAD_ENCRYPTION_KEY .* is required/);
    expect(() => loadConfig(withoutKey, dev)).toThrow(/UPLOAD_ENCRYPTION_KEY .* is required/);
    expect(() => loadConfig({ ...withoutKey, UPLOAD_ENCRYPTION_KEY: '' })).toThrow(
      /UPLOAD_ENCRYPTION_KEY .* is required/,
    );
  });

  it('reads the key in hex or base64 as the same 32 bytes', () => {
    const bytes = Buffer.from(KEY_HEX, 'hex');
    for (const written of [KEY_HEX, KEY_HEX.toUpperCase(), bytes.toString('base64'), bytes.toString('base64url')]) {
      expect(loadConfig({ ...production, UPLOAD_ENCRYPTION_KEY: written }).uploadKeys.current).toEqual(bytes);
    }
  });

  it('refuses a key of another length or in another writing, without echoing it', () => {
    const bad = [
      KEY_HEX.slice(2), // 31 bytes
      KEY_HEX + '00', // 33 bytes
      Buffer.alloc(31, 7).toString('base64'),
      Buffer.alloc(48, 7).toString('base64'),
      'correct horse battery staple correct horse battery staple',
      `${KEY_HEX.slice(0, 63)}g`,
    ];
    for (const key of bad) {
      let message = '';
      try {
        loadConfig({ ...production, UPLOAD_ENCRYPTION_KEY: key });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/UPLOAD_ENCRYPTION_KEY must be 32 bytes/);
      expect(message).not.toContain(key);
    }
    expect(() => loadConfig({ ...production, UPLOAD_ENCRYPTION_PREVIOUS_KEYS: `${KEY_HEX},short` })).toThrow(
      /UPLOAD_ENCRYPTION_PREVIOUS_KEYS must be 32 bytes/,
    );
  });

  it('takes previous keys for reading after a rotation', () => {
    const previous = ['aa'.repeat(32), Buffer.alloc(32, 9).toString('base64')];
    const config = loadConfig({ ...production, UPLOAD_ENCRYPTION_PREVIOUS_KEYS: ` ${previous[0]} , ${previous[1]}` });
    expect(config.uploadKeys.previous).toEqual([Buffer.alloc(32, 0xaa), Buffer.alloc(32, 9)]);
    expect(loadConfig(production).uploadKeys.previous).toEqual([]);
  });

  it('keeps rejected files 7 days unless told otherwise, and at least one', () => {
    expect(loadConfig(production).uploadRetentionDays).toBe(7);
    expect(loadConfig({ ...production, UPLOAD_RETENTION_DAYS: '30' }).uploadRetentionDays).toBe(30);
    for (const days of ['0', '-1', '1.5', 'week'])
      expect(() => loadConfig({ ...production, UPLOAD_RETENTION_DAYS: days })).toThrow(/Invalid configuration/);
  });

  it('keeps 14 backups unless told otherwise, and at least one', () => {
    expect(loadConfig(production).backup).toEqual({ keep: 14, pgBinDir: undefined });
    expect(loadConfig({ ...production, BACKUP_KEEP: '30', PG_BIN_DIR: '/usr/lib/postgresql/16/bin' }).backup).toEqual({
      keep: 30,
      pgBinDir: '/usr/lib/postgresql/16/bin',
    });
    for (const keep of ['0', '-2', '2.5', 'all'])
      expect(() => loadConfig({ ...production, BACKUP_KEEP: keep })).toThrow(/Invalid configuration/);
  });

  describe('on a development machine', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tip-secrets-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('generates the key once into DATA_DIR/secrets.json (mode 0600) and uses it', () => {
      const first = localSecrets(dir);
      expect(localSecrets(dir)).toEqual(first);
      expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
      expect(loadConfig({ NODE_ENV: 'development' }, first).uploadKeys.current).toEqual(
        Buffer.from(first.uploadEncryptionKey, 'base64'),
      );
    });

    it('adds the key to a secrets file written before it existed, keeping the other secrets', () => {
      const older = { jwtSecret: 'j'.repeat(48), cnicHmacSecret: 'c'.repeat(48) };
      writeFileSync(join(dir, 'secrets.json'), JSON.stringify(older), { mode: 0o600 });
      const secrets = localSecrets(dir);
      expect(secrets).toMatchObject(older);
      expect(Buffer.from(secrets.uploadEncryptionKey, 'base64')).toHaveLength(32);
      expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual(secrets);
    });
  });
});

const SECRETS = {
  JWT_SECRET: 'j'.repeat(32),
  CNIC_HMAC_SECRET: 'c'.repeat(32),
  UPLOAD_ENCRYPTION_KEY: KEY_HEX,
  HTCDS_PSEUDONYM_KEY: 'h'.repeat(32),
};

describe('loadConfig', () => {
  it('refuses to start in production with a weak ADMIN_PASSWORD, and only warns elsewhere (InitialAdminService)', () => {
    const admin = { ADMIN_EMAIL: 'chief@npb.gov.pk', ADMIN_PASSWORD: 'password1234' };
    expect(() => loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production' })).toThrow(
      /ADMIN_PASSWORD is refused in production: password is, or is close to, one in a list/,
    );
    expect(() =>
      loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production', ADMIN_PASSWORD: 'chief of the bureau' }),
    ).toThrow(/e-mail/);
    expect(loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'development' }).initialAdmin?.email).toBe('chief@npb.gov.pk');
    expect(
      loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production', ADMIN_PASSWORD: 'tiger lily on the roof' })
        .initialAdmin,
    ).toBeDefined();
  });

  it('serves the API description in development and test, not in production unless asked', () => {
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'test' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production' }).apiDocsEnabled).toBe(false);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production', API_DOCS_ENABLED: 'true' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development', API_DOCS_ENABLED: 'false' }).apiDocsEnabled).toBe(false);
    expect(() => loadConfig({ ...SECRETS, API_DOCS_ENABLED: 'yes' })).toThrow(/API_DOCS_ENABLED/);
  });

  it('runs on demonstration data only when DEMO=true, and never in production (its passwords are published)', () => {
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development' }).demo).toEqual({ enabled: false, cases: 3000 });
    expect(loadConfig({ ...SECRETS, DEMO: 'true', DEMO_CASES: '250' }).demo).toEqual({ enabled: true, cases: 250 });
    expect(() => loadConfig({ ...SECRETS, NODE_ENV: 'production', DEMO: 'true' })).toThrow(/DEMO=true is refused/);
    expect(() => loadConfig({ ...SECRETS, DEMO: 'yes' })).toThrow(/DEMO/);
    expect(() => loadConfig({ ...SECRETS, DEMO: 'true', DEMO_CASES: '0' })).toThrow(/DEMO_CASES/);
  });
});

describe('configuration of reminders and e-mail', () => {
  it('sends no e-mail unless SMTP_URL is set, reminds 3 days ahead at 09:00 by default, and links to APP_URL without its trailing slash', () => {
    const plain = loadConfig(production);
    expect(plain.smtp.url).toBeUndefined();
    expect(plain.reminders).toEqual({ cron: '0 9 * * *', daysBefore: 3 });
    expect(plain.appUrl).toBeUndefined();
    const set = loadConfig({
      ...production,
      SMTP_URL: 'smtps://mailer:pw@mail.example:465',
      APP_URL: 'https://tip.example/',
    });
    expect(set.smtp.url).toBe('smtps://mailer:pw@mail.example:465');
    expect(set.appUrl).toBe('https://tip.example');
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://, without echoing it (it may hold a password)', () => {
    const secret = 'http://mailer:s3cret-pass@mail.example';
    expect(() => loadConfig({ ...production, SMTP_URL: secret })).toThrow(/SMTP_URL must be an smtp/);
    try {
      loadConfig({ ...production, SMTP_URL: secret });
    } catch (error) {
      expect(String(error)).not.toContain('s3cret-pass');
    }
  });
});

describe('configuration of the HTCDS export', () => {
  const { HTCDS_PSEUDONYM_KEY: _key, ...withoutKey } = production;

  it('requires the pseudonym key in production, and refuses a short one', () => {
    expect(() => loadConfig(withoutKey)).toThrow(/HTCDS_PSEUDONYM_KEY .* is required/);
    expect(() => loadConfig({ ...production, HTCDS_PSEUDONYM_KEY: 'short' })).toThrow(/HTCDS_PSEUDONYM_KEY/);
    expect(loadConfig(production).htcds.pseudonymKey).toEqual(Buffer.from('h'.repeat(32)));
  });

  it('elsewhere derives a key from the CNIC secret: the same secret, the same key, unlike the secret itself', () => {
    const dev = { ...withoutKey, NODE_ENV: 'development' };
    const key = loadConfig(dev).htcds.pseudonymKey;
    expect(key).toHaveLength(32);
    expect(loadConfig(dev).htcds.pseudonymKey).toEqual(key);
    expect(key.toString('utf8')).not.toContain('c'.repeat(32));
    expect(loadConfig({ ...dev, CNIC_HMAC_SECRET: 'd'.repeat(32) }).htcds.pseudonymKey).not.toEqual(key);
  });

  it('takes k from HTCDS_K (5 by default, 2 to 100)', () => {
    expect(loadConfig(production).htcds.k).toBe(5);
    expect(loadConfig({ ...production, HTCDS_K: '10' }).htcds.k).toBe(10);
    for (const k of ['1', '101', 'five']) expect(() => loadConfig({ ...production, HTCDS_K: k })).toThrow(/HTCDS_K/);
  });
});
