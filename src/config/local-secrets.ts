import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DevSecrets } from 'src/config/app-config';

/**
 * Secrets for a development machine, generated once and kept under DATA_DIR (mode 0600),
 * so that tokens, CNIC hashes and stored uploads survive a restart. A secret added since the
 * file was written is generated into it. Production must set them in env.
 */
export function localSecrets(dataDir: string): DevSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>) : {};
  const secrets: DevSecrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    cnicHmacSecret: stored.cnicHmacSecret ?? randomBytes(48).toString('base64url'),
    uploadEncryptionKey: stored.uploadEncryptionKey ?? randomBytes(32).toString('base64'),
  };
  if (Object.keys(secrets).some((k) => !(k in stored))) writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
