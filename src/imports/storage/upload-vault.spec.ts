import { expect } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { UploadVault } from 'src/imports/storage/upload-vault';

const vaultWith = (current: Buffer, previous: Buffer[] = []) =>
  new UploadVault({ uploadKeys: { current, previous } } as unknown as AppConfig);
const unreadable = { code: 'IMPORT.REPORT_UNREADABLE' };

describe('upload vault', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  const key = randomBytes(32);
  const vault = vaultWith(key);
  const batch = randomUUID();
  const csv = Buffer.from('District,Name,CNIC\nLahore,Shahid Rehmatullah,35202-9876543-1\n');

  it('opens what it sealed, and the sealed bytes hold nothing of the file', () => {
    const sealed = vault.seal(batch, csv);
    expect(vault.open(batch, sealed)).toEqual(csv);
    for (const secret of ['35202', '9876543', 'Shahid', 'Lahore']) expect(sealed.includes(secret)).toBe(false);
  });

  it('seals the same file differently each time (a fresh IV)', () => {
    expect(vault.seal(batch, csv).equals(vault.seal(batch, csv))).toBe(false);
  });

  it('refuses a file with any one bit changed: version, key id, IV, tag or ciphertext', () => {
    const sealed = vault.seal(batch, csv);
    for (let i = 0; i < sealed.length; i++) {
      const altered = Buffer.from(sealed);
      altered[i] ^= 0x01;
      expect(() => vault.open(batch, altered)).toThrow(expect.objectContaining(unreadable));
    }
  });

  it('refuses a truncated file, an empty one and one with bytes added', () => {
    const sealed = vault.seal(batch, csv);
    for (const bad of [
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(0, 20),
      Buffer.alloc(0),
      Buffer.concat([sealed, Buffer.of(0)]),
    ]) {
      expect(() => vault.open(batch, bad)).toThrow(expect.objectContaining(unreadable));
    }
  });

  it('refuses a file moved to another batch', () => {
    expect(() => vault.open(randomUUID(), vault.seal(batch, csv))).toThrow(expect.objectContaining(unreadable));
  });

  it('after a key rotation opens files of the previous key while it is configured, and says so when it is not', () => {
    const next = randomBytes(32);
    const sealed = vault.seal(batch, csv);
    expect(vaultWith(next, [key]).open(batch, sealed)).toEqual(csv);
    expect(() => vaultWith(next).open(batch, sealed)).toThrow(/no longer configured/);
    // new files are sealed under the new key only
    expect(() => vault.open(batch, vaultWith(next, [key]).seal(batch, csv))).toThrow(/no longer configured/);
  });

  it('never puts the file in its message', () => {
    const sealed = vault.seal(batch, csv);
    sealed[sealed.length - 1] ^= 0xff;
    expect(() => vault.open(batch, sealed)).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/35202|Shahid/) }),
    );
  });
});
