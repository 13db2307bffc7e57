import { DataSource, QueryRunner } from 'typeorm';

/** The advisory lock key of one reporting unit's imports (the same in every instance of the service). */
export const IMPORT_LOCK_SQL = `hashtext('tip-import:' || code)`;

/**
 * One import per reporting unit at a time, across every instance of the service: the import's
 * own connection holds a session advisory lock for each unit it may write (every unit for a
 * national upload) from the moment it is accepted until it ends — across
 * both its attempts when it must be run again validated first. A second upload of the same
 * unit is refused at once; a connection that dies releases its locks.
 */
export class ImportSession {
  private constructor(
    readonly runner: QueryRunner,
    private readonly codes: string[],
  ) {}

  /** The session, or null when another import holds one of the units. */
  static async open(dataSource: DataSource, codes: string[]): Promise<ImportSession | null> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      const taken = await runner.manager.query<Array<{ code: string; ok: boolean }>>(
        `SELECT code, pg_try_advisory_lock(${IMPORT_LOCK_SQL}) AS ok FROM unnest($1::text[]) AS code ORDER BY code`,
        [codes],
      );
      const held = taken.filter((t) => t.ok).map((t) => t.code);
      if (held.length === codes.length) return new ImportSession(runner, held);
      await new ImportSession(runner, held).close();
      return null;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  /** Ends the transaction and frees the locks; a connection that died (and so freed them) was already released. */
  async close(): Promise<void> {
    if (this.runner.isReleased) return;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
      if (this.codes.length)
        await this.runner.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK_SQL}) FROM unnest($1::text[]) AS code`, [
          this.codes,
        ]);
    } finally {
      await this.runner.release();
    }
  }
}
