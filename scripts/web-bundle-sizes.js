// Prints the gzipped JavaScript each page of the built web application loads (its entry, the
// page's own chunk and everything they import), and fails when sign-in or upload exceed the budget.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const BUDGET_KB = 250;
const BUDGETED = ['sign-in', 'upload'];
const dist = join(__dirname, '..', 'web', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = new Map();
const gzipKb = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024);
  return gz.get(file);
};

/** The JavaScript files a manifest entry loads before it runs: its own and its static imports. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entry = closure(entryKey);
const pages = Object.keys(manifest)
  .filter((k) => /^src\/pages\/.+\.tsx$/.test(k) && manifest[k].isDynamicEntry)
  .map((k) => ({ name: k.replace(/^src\/pages\/|\.tsx$/g, '').replace(/\/index$/, ''), key: k }));

let over = false;
const rows = pages.map(({ name, key }) => {
  const files = closure(key, new Set(entry));
  const kb = [...files].reduce((sum, f) => sum + gzipKb(f), 0);
  const budgeted = BUDGETED.includes(name);
  if (budgeted && kb > BUDGET_KB) over = true;
  return `${name.padEnd(24)} ${kb.toFixed(1).padStart(7)} KB${budgeted ? `  (budget ${BUDGET_KB} KB)` : ''}`;
});
process.stdout.write(`gzipped JavaScript loaded per page:\n${rows.map((r) => `  ${r}`).join('\n')}\n`);
if (over) {
  process.stderr.write(`a budgeted page loads more than ${BUDGET_KB} KB of gzipped JavaScript\n`);
  process.exit(1);
}
