import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * The reading worker compiled once for the test run (the service's own build holds it as
 * JavaScript; from sources, each worker would otherwise compile it through ts-node anew).
 * Returns the worker's entry file; its folder lies inside the project so that its packages resolve.
 */
export function buildReaderWorker(root: string, runId: string): string {
  const source = join(root, 'src/imports/reading');
  const out = join(root, '.test-build', runId);
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(source).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  return join(out, 'upload-reader.worker.js');
}
