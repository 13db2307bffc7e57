// Builds what is missing or older than its sources, so `npm start` works on a fresh clone:
// the service (dist/) and the web application (web/dist/, with its bundle sizes printed).
// `--service` builds only the service, `--web` only the web application.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const item of readdirSync(path)) latest = Math.max(latest, newest(join(path, item)));
  return latest;
}

function stale(output, sources) {
  return !existsSync(output) || sources.some((s) => newest(join(root, s)) > statSync(output).mtimeMs);
}

function run(script, args, env = {}) {
  execFileSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

const only = process.argv.find((a) => a === '--service' || a === '--web');
if (only !== '--web' && stale(join(root, 'dist', 'src', 'main.js'), ['src', 'migrations', 'seeds', 'nest-cli.json'])) {
  process.stdout.write('building the service…\n');
  run('node_modules/@nestjs/cli/bin/nest.js', ['build']);
}

const webSources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mts'];
if (only !== '--service' && stale(join(root, 'web', 'dist', 'index.html'), webSources)) {
  process.stdout.write('building the web application…\n');
  // a production bundle even when a test run (NODE_ENV=test) asks for it
  run('node_modules/vite/bin/vite.js', ['build', 'web', '--logLevel', 'warn'], { NODE_ENV: 'production' });
  run('scripts/web-bundle-sizes.js', []);
}
