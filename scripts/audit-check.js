// Fails when a package the service runs with (npm audit --omit=dev) has a high or critical
// advisory that .ci/audit-exceptions.json does not list with its reason and review date.
// Lower severities are printed only. An unreachable advisory database fails the check too,
// unless NPM_AUDIT_UNREACHABLE=warn (a machine without access to it).
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const BLOCKING = new Set(['high', 'critical']);
const root = join(__dirname, '..');
const exceptions = JSON.parse(readFileSync(join(root, '.ci', 'audit-exceptions.json'), 'utf8')).exceptions;
const today = new Date().toISOString().slice(0, 10);
const excepted = new Map(exceptions.filter((e) => e.reviewBy >= today).map((e) => [e.id, e]));
for (const e of exceptions.filter((x) => x.reviewBy < today))
  console.log(`audit: the exception for ${e.id} (${e.package}) lapsed on ${e.reviewBy}; review it`);

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: run.stderr.trim().split('\n').pop() } };
}
if (report.error || !report.vulnerabilities) {
  const why = report.error?.summary || report.error?.code || report.message || 'no report';
  if (process.env.NPM_AUDIT_UNREACHABLE === 'warn') {
    console.log(`audit: the advisory database could not be asked (${why}); not checked`);
    process.exit(0);
  }
  console.error(`audit: the advisory database could not be asked (${why})`);
  process.exit(2);
}

/** Each advisory once: its GitHub id (GHSA-…), package, severity and title. */
const advisories = new Map();
for (const vulnerability of Object.values(report.vulnerabilities))
  for (const via of vulnerability.via)
    if (typeof via === 'object') {
      const id = (via.url ?? '').split('/').pop() || String(via.source);
      advisories.set(id, { id, package: via.name, severity: via.severity, title: via.title, range: via.range });
    }

let blocking = 0;
for (const a of [...advisories.values()].sort((x, y) => x.id.localeCompare(y.id))) {
  const exception = excepted.get(a.id);
  const verdict = !BLOCKING.has(a.severity) ? 'noted' : exception ? `excepted: ${exception.reason}` : 'BLOCKING';
  if (verdict === 'BLOCKING') blocking++;
  console.log(`audit: ${a.severity.padEnd(8)} ${a.id} ${a.package} ${a.range} — ${a.title} [${verdict}]`);
}
console.log(`audit: ${advisories.size} advisories in production dependencies, ${blocking} blocking`);
process.exit(blocking ? 1 : 0);
