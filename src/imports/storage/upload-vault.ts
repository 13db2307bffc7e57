import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain-error';
import { ImportErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/** Envelope layout, version 1: version (1 byte) | key id (4) | IV (12) | GCM tag (16) | ciphertext. */
const VERSION = 1;
const KEY_ID = 4;
const IV = 12;
const TAG = 16;
const HEADER = 1 + KEY_ID + IV + TAG;

/** A short public name of a key (not the key): which of the configured keys sealed a file. */
function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('tip-upload-key-id:').update(key).digest().subarray(0, KEY_ID);
}

/**
 * Uploaded files at rest: sealed with AES-256-GCM under the configured key, a random IV per
 * file, and the batch id (with the envelope's version and key id) as additional data, so a
 * file copied to another batch or altered by a single bit does not open. The key id lets the
 * key rotate: files sealed under a previous key open while that key is still configured.
 */
@Injectable()
export class UploadVault {
  private readonly logger = new Logger('UploadVault');
  private readonly current: { id: Buffer; key: Buffer };
  private readonly keys = new Map<string, Buffer>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.current = { id: keyIdOf(config.uploadKeys.current), key: config.uploadKeys.current };
    for (const key of [...config.uploadKeys.previous, config.uploadKeys.current])
      this.keys.set(keyIdOf(key).toString('hex'), key);
  }

  seal(batchId: string, plain: Buffer): Buffer {
    const header = Buffer.concat([Buffer.of(VERSION), this.current.id]);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG });
    cipher.setAAD(additionalData(header, batchId));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  /** The file as uploaded; a problem (no personal data in it) when it cannot be opened. */
  open(batchId: string, sealed: Buffer): Buffer {
    if (sealed.length < HEADER || sealed[0] !== VERSION) return this.refuse(batchId, 'not a sealed upload');
    const header = sealed.subarray(0, 1 + KEY_ID);
    const key = this.keys.get(header.subarray(1).toString('hex'));
    if (!key) return this.refuse(batchId, 'sealed under a key that is no longer configured');
    const iv = sealed.subarray(1 + KEY_ID, 1 + KEY_ID + IV);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });
    decipher.setAAD(additionalData(header, batchId));
    decipher.setAuthTag(sealed.subarray(HEADER - TAG, HEADER));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
    } catch {
      return this.refuse(batchId, 'failed its integrity check (altered, or sealed for another batch)');
    }
  }

  private refuse(batchId: string, why: string): never {
    this.logger.warn(`stored upload of import ${batchId} not opened: ${why}`);
    throw new DomainError(
      ImportErrors.REPORT_UNREADABLE,
      `The stored upload could not be opened: ${why}. Upload the file again for a new report`,
    );
  }
}

function additionalData(header: Buffer, batchId: string): Buffer {
  return Buffer.concat([header, Buffer.from(batchId, 'utf8')]);
}
