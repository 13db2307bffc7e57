import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemCodeTable } from 'src/common/errors/problem-catalogue';

/** Rewrites the README's table of problem codes from their declarations. */
const START = '<!-- problem-codes:start -->';
const END = '<!-- problem-codes:end -->';
const file = join(__dirname, '..', 'README.md');
const readme = readFileSync(file, 'utf8');
const [before, rest] = readme.split(START);
const [, after] = rest.split(END);
writeFileSync(file, `${before}${START}\n${problemCodeTable()}\n${END}${after}`);
