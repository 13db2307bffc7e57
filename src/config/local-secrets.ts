import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets for a development machine, generated once and kept under DATA_DIR (mode 0600),
 * so that tokens and CNIC hashes survive a restart. Production must set them in env.
 */
export function localSecrets(dataDir: string): { jwtSecret: string; cnicHmacSecret: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; cnicHmacSecret: string };
  const secrets = { jwtSecret: randomBytes(48).toString('base64url'), cnicHmacSecret: randomBytes(48).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
