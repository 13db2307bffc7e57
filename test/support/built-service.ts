import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Builds the service (dist/) when it is older than its sources, as `npm start` does. */
export function buildService(timeoutMs?: number): void {
  execFileSync(process.execPath, ['scripts/build-if-needed.js', '--service'], {
    cwd: root,
    stdio: 'ignore',
    timeout: timeoutMs,
  });
}

/**
 * The built service (dist/src/main.js, as `npm start` runs it) in a process of its own, with
 * `env` over this process's environment, listening on `port`; resolves once /health answers
 * 200, with the time that took. A service that stops or does not answer in `timeoutMs` is
 * killed and the promise rejected.
 */
export async function startBuiltService(
  env: Record<string, string>,
  port: number,
  timeoutMs: number,
): Promise<{ process: ChildProcess; ms: number }> {
  const began = performance.now();
  const service = spawn(process.execPath, ['--max-old-space-size=1024', 'dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exitCode !== null) throw new Error(`the service stopped at start (${service.exitCode})`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (healthy) return { process: service, ms: performance.now() - began };
    if (Date.now() > deadline) {
      service.kill('SIGKILL');
      throw new Error(`the service did not start in ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
