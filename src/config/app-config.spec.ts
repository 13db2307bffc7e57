import 'reflect-metadata';
import { loadConfig } from 'src/config/app-config';

const SECRETS = { JWT_SECRET: 'j'.repeat(32), CNIC_HMAC_SECRET: 'c'.repeat(32) };

describe('loadConfig', () => {
  it('serves the API description in development and test, not in production unless asked', () => {
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'test' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production' }).apiDocsEnabled).toBe(false);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production', API_DOCS_ENABLED: 'true' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development', API_DOCS_ENABLED: 'false' }).apiDocsEnabled).toBe(false);
    expect(() => loadConfig({ ...SECRETS, API_DOCS_ENABLED: 'yes' })).toThrow(/API_DOCS_ENABLED/);
  });
});
