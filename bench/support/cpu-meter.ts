import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU seconds of one PostgreSQL server's processes, read from /proc. */
interface ServerCpu {
  /** Each live server process's own CPU seconds, by pid. */
  readonly processes: ReadonlyMap<number, number>;
  /** CPU seconds of the server's processes that have already ended (the postmaster's reaped children). */
  readonly ended: number;
}

export interface CpuUse {
  /** This process's CPU seconds, all its threads (JavaScript, garbage collector, zlib). */
  node: number;
  /** The database server's CPU seconds, all its processes; null when the server is not on this machine. */
  database: number | null;
  /** The busiest single server process (for an import: its connection's backend, which works one statement at a time). */
  backend: number | null;
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may itself hold spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

// after the command: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime
const seconds = (fields: string[], from: number) =>
  (Number(fields[from]) + Number(fields[from + 1])) / TICKS_PER_SECOND;

/** A process's own CPU seconds (all its threads), or null once it has ended. */
export function processCpuSeconds(pid: number): number | null {
  const fields = statFields(pid);
  return fields && seconds(fields, 11);
}

function serverCpu(postmaster: number): ServerCpu | null {
  const own = statFields(postmaster);
  if (!own) return null;
  const processes = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === postmaster) processes.set(pid, seconds(fields, 11));
  }
  return { processes, ended: seconds(own, 13) };
}

/**
 * Measures the CPU a phase uses: this process's and, when the database server runs on this
 * machine (reached over a socket or the loopback), the server's (found as the parent of a
 * backend's pid), with its busiest process.
 */
export async function cpuMeter(url: string): Promise<{ stop: () => CpuUse }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const [{ pid, address }] = (
    await client.query<{ pid: number; address: string | null }>(
      'SELECT pg_backend_pid() AS pid, host(inet_server_addr()) AS address',
    )
  ).rows;
  // a server reached over a socket or the loopback runs here; read its backend while it lives
  const local = address === null || address.startsWith('127.') || address === '::1';
  const fields = local ? statFields(pid) : null;
  const postmaster =
    fields && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres' ? Number(fields[1]) : null;
  await client.end();
  const before = postmaster === null ? null : serverCpu(postmaster);
  const nodeBefore = process.cpuUsage();
  return {
    stop: () => {
      const used = process.cpuUsage(nodeBefore);
      const node = (used.user + used.system) / 1e6;
      const after = postmaster === null ? null : serverCpu(postmaster);
      if (!before || !after) return { node, database: null, backend: null };
      let database = after.ended - before.ended;
      let backend = 0;
      for (const [pid, cpu] of after.processes) {
        const delta = cpu - (before.processes.get(pid) ?? 0);
        database += delta;
        backend = Math.max(backend, delta);
      }
      // a process that ended meanwhile is in `ended` with all its life, before the phase too
      for (const [pid, cpu] of before.processes) if (!after.processes.has(pid)) database -= cpu;
      return { node, database, backend };
    },
  };
}

/** The machine's processors' time in jiffies, from /proc/stat's first line: all, idle (with I/O wait), stolen by the host. */
function machineTicks(): { all: number; idle: number; steal: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is counted in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.slice(0, 8).map(Number);
  return { all: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
}

/**
 * The share of the machine's processor time that was idle, and that the host took for others
 * (steal: on a virtual machine, time this machine's processors were runnable but not run),
 * from now until `stop`: what makes the same run faster or slower from one time to the next.
 */
export function machineMeter(): { stop: () => { idle: number; steal: number } } {
  const before = machineTicks();
  return {
    stop: () => {
      const after = machineTicks();
      const all = Math.max(after.all - before.all, 1);
      return { idle: (after.idle - before.idle) / all, steal: (after.steal - before.steal) / all };
    },
  };
}
