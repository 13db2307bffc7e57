import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..');

/** The service running as a child process, as `npm start` runs it (1 GB of heap), and its memory as Linux counts it. */
export interface ServiceProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** A Punjab focal person's bearer token. */
  readonly token: string;
  readonly databaseUrl: string;
  /** Resident memory now, in MB (VmRSS). */
  rssMb(): number;
  /** The highest resident memory since the last `resetPeak`, in MB (VmHWM). */
  peakRssMb(): number;
  /** Starts a new peak from the memory resident now (writes 5 to /proc/PID/clear_refs). */
  resetPeak(): void;
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Math.round(Number(match[1]) / 1024);
}

/** Starts the service (ts-node over the sources) on a database cloned from this run's template, and waits until it listens. */
export async function startServiceProcess(timeoutMs = 120_000): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-old-space-size=1024',
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'service-process.main.ts'),
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<{ baseUrl: string; token: string; databaseUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the service did not start in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    void exited.then((code) => reject(new Error(`the service exited (${code}) before listening: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { baseUrl: string; token: string; databaseUrl: string });
    });
  });
  const pid = child.pid!;
  return {
    pid,
    ...ready,
    rssMb: () => statusField(pid, 'VmRSS'),
    peakRssMb: () => statusField(pid, 'VmHWM'),
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
