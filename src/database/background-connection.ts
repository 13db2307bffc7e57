import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { QueryRunner } from 'typeorm';

/** The niceness of a database process working for a background job (0 normal, 19 lowest), as the reading worker's. */
export const BACKGROUND_NICENESS = 10;

/**
 * The database server process behind `runner`'s connection, when the server runs on this
 * machine: a process named postgres whose title names the connection's client port (a server
 * elsewhere, or in another process namespace, has no such process here). Null otherwise.
 */
async function localServerProcess(runner: QueryRunner): Promise<number | null> {
  const [{ pid, port }] = await runner.manager.query<Array<{ pid: number; port: number | null }>>(
    'SELECT pg_backend_pid() AS pid, inet_client_port() AS port',
  );
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return null;
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return title.includes(port === null ? '[local]' : `(${port})`) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A connection whose work runs behind the requests people wait on: where the database server
 * runs on this machine (the embedded one, or a server beside the service) and the service may,
 * the server process behind it is given a lower processor priority. `release` gives the
 * connection back to the pool with its priority restored, or, where it cannot be, closes it.
 */
export class BackgroundConnection {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly pid: number | null,
    private readonly niceness: number | null,
  ) {}

  static async lower(runner: QueryRunner): Promise<BackgroundConnection> {
    const pid = await localServerProcess(runner);
    if (pid === null) return new BackgroundConnection(runner, null, null);
    try {
      const niceness = getPriority(pid);
      setPriority(pid, Math.max(niceness, BACKGROUND_NICENESS));
      return new BackgroundConnection(runner, pid, niceness);
    } catch {
      return new BackgroundConnection(runner, null, null);
    }
  }

  /** Whether the server process works at the lower priority. */
  get lowered(): boolean {
    return this.pid !== null;
  }

  async release(): Promise<void> {
    if (this.pid !== null && !this.runner.isReleased && !this.restored()) {
      // lowering a priority needs no privilege, raising it back does: the pool must not hand the connection on
      const runner = this.runner as unknown as { releasePostgresConnection(error: Error): Promise<void> };
      return runner.releasePostgresConnection(new Error('closed: its server process works at a lower priority'));
    }
    await this.runner.release();
  }

  private restored(): boolean {
    try {
      setPriority(this.pid!, this.niceness!);
      return true;
    } catch {
      return false;
    }
  }
}
