import 'reflect-metadata';
import { loadConfig } from 'src/config/app-config';

const SECRETS = { JWT_SECRET: 'j'.repeat(32), CNIC_HMAC_SECRET: 'c'.repeat(32) };

describe('loadConfig', () => {
  it('refuses to start in production with a weak ADMIN_PASSWORD, and only warns elsewhere (InitialAdminService)', () => {
    const admin = { ADMIN_EMAIL: 'chief@npb.gov.pk', ADMIN_PASSWORD: 'password1234' };
    expect(() => loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production' })).toThrow(/ADMIN_PASSWORD is refused in production: password is, or is close to, one in a list/);
    expect(() => loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production', ADMIN_PASSWORD: 'chief of the bureau' })).toThrow(/e-mail/);
    expect(loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'development' }).initialAdmin?.email).toBe('chief@npb.gov.pk');
    expect(loadConfig({ ...SECRETS, ...admin, NODE_ENV: 'production', ADMIN_PASSWORD: 'tiger lily on the roof' }).initialAdmin).toBeDefined();
  });

  it('serves the API description in development and test, not in production unless asked', () => {
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'test' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production' }).apiDocsEnabled).toBe(false);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production', API_DOCS_ENABLED: 'true' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development', API_DOCS_ENABLED: 'false' }).apiDocsEnabled).toBe(false);
    expect(() => loadConfig({ ...SECRETS, API_DOCS_ENABLED: 'yes' })).toThrow(/API_DOCS_ENABLED/);
  });
});
