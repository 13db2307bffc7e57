import { SheetKind } from 'src/imports/columns';
import { ParsedUpload } from 'src/imports/parsing/import-rows';
import { UploadWriter } from 'src/imports/writing/upload-writer';

/**
 * Rows sent to the database in one statement. A statement has costs of its own besides its
 * rows' (planning, the statistics triggers, joins that read the upload's whole staging
 * tables); of 2,000, 5,000, 10,000 and 20,000 rows, 10,000 made the benchmark's commit and
 * re-upload fastest, with the same peak memory.
 */
const BATCH_ROWS = 10_000;

/** What the pipeline reads of the parser as rows come in. */
export interface ParserProgress {
  readonly parsed: ParsedUpload;
  /** Sheets read to their end (the reader has moved on to another). */
  readonly sheetsDone: ReadonlySet<SheetKind>;
  /** The problems found so far: once there is one, nothing more is written. */
  readonly errors: ReadonlyArray<unknown>;
  /** Whether the file's Cases sheet has a row for this key (so far). */
  isFileCase(key: string): boolean;
}

type Kind = 'cases' | 'victims' | 'defendants' | 'prosecutions';

/**
 * Up to how many cases an upload is written as it is read. A file of more is read to its end
 * before anything more is written — refused at the reader's last row (READ_LIMITS) if it has
 * too many, else run again validated first (one more reading of a large file) — so that a
 * file of a million rows is not written row by row, holding its unit's uploads for minutes,
 * only to be refused at its last row. A month's workbook has a few thousand.
 */
export const STREAMED_CASES_UP_TO = 100_000;

/**
 * Sends an upload's rows to the database while the rest of the file is still being read,
 * so that PostgreSQL works on its own core meanwhile. Everything happens in the import's
 * one transaction, which is rolled back if any check fails (or for a dry run): an upload is
 * committed whole or not at all.
 *
 * Cases are staged (with the stored cases they update, as they were) and, unless every row
 * is to be validated first, written batch by batch. Once a row has a problem nothing more is
 * written (the upload will be rolled back), but the stored cases the rows name are still
 * looked up and the valid rows staged, for the checks against the database. Victims and defendants are written as
 * they come once the file's cases are all in, prosecutions once its defendants are too;
 * rows that come before what they depend on wait until the whole file is read. Statements
 * run one after another (a connection runs one at a time) while reading goes on.
 */
export class UploadPipeline {
  private readonly sent: Record<Kind, number> = { cases: 0, victims: 0, defendants: 0, prosecutions: 0 };
  private readonly batches: Record<'cases' | 'prosecutions', number> = { cases: 0, prosecutions: 0 };
  /** Writes that wait for the end of the file (or, in validateFirst mode, for the checks), by kind. */
  private readonly pending: Record<Kind, Array<() => Promise<void>>> = {
    cases: [],
    victims: [],
    defendants: [],
    prosecutions: [],
  };
  private readonly written = { children: false, prosecutions: false };
  private readonly resolved = new Set<string>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Until the first problem. */
  private writing = true;
  private failure: Error | null = null;

  constructor(
    private readonly writer: UploadWriter,
    /** Write nothing until the whole upload is validated. */
    private readonly validateFirst: boolean,
    private readonly streamedCasesUpTo = STREAMED_CASES_UP_TO,
  ) {}

  /** Sends the rows parsed since the last call, once enough have gathered (all of them when `final`). */
  send(parser: ParserProgress, final = false): void {
    const { parsed, sheetsDone } = parser;
    if (parser.errors.length) this.stopWriting();
    if (!this.validateFirst && parsed.cases.length > this.streamedCasesUpTo)
      this.fail(new Error('more cases than are written as they are read'));
    const casesDone = sheetsDone.has('Cases');
    // the cases are all sent before the first of their victims, defendants or prosecutions is written
    for (const { rows: cs, first } of this.take(parsed, 'cases', final || casesDone)) {
      const batch = ++this.batches.cases;
      // a case row with a problem is not staged; the stored case it names is looked up all the same
      this.resolve(cs, (c) => !!c.invalid);
      const staged = this.writing ? cs : cs.filter((c) => !c.invalid);
      if (staged.length) this.queue(() => this.writer.stageCases(staged, batch, first));
      if (!this.writing) continue;
      if (this.written.children) this.fail(new Error('cases after the rows that name them'));
      this.writeOrWait('cases', !this.validateFirst, () => this.writer.writeCases(batch));
    }
    const streamChildren = casesDone && !this.validateFirst;
    for (const kind of ['victims', 'defendants'] as const) {
      for (const { rows } of this.take(
        parsed,
        kind,
        final || (kind === 'defendants' && sheetsDone.has('Defendants')),
      )) {
        this.resolve<{ key: string }>(rows, (r) => !parser.isFileCase(r.key));
        if (!this.writing) continue;
        if (kind === 'defendants' && this.written.prosecutions)
          this.fail(new Error('defendants after the prosecutions that name them'));
        if (streamChildren) this.written.children = true;
        this.writeOrWait(kind, streamChildren, () =>
          kind === 'victims'
            ? this.writer.writeVictims(rows as ParsedUpload['victims'])
            : this.writer.writeDefendants(rows as ParsedUpload['defendants']),
        );
      }
    }
    // not before defendants that wait themselves
    const streamProsecutions = streamChildren && sheetsDone.has('Defendants') && this.pending.defendants.length === 0;
    for (const { rows: ps } of this.take(parsed, 'prosecutions', final)) {
      const batch = ++this.batches.prosecutions;
      this.resolve(ps, (p) => !parser.isFileCase(p.key));
      const staged = this.writing ? ps : ps.filter((p) => !p.invalid);
      if (staged.length) this.queue(() => this.writer.stageProsecutions(staged, batch));
      if (!this.writing) continue;
      if (streamProsecutions) this.written.children = this.written.prosecutions = true;
      this.writeOrWait('prosecutions', streamProsecutions, () => this.writer.writeProsecutions(batch, ps.length));
    }
  }

  /**
   * Sends what is left and waits until every statement sent is done. Returns why rows could
   * not be written as they were read (a later sheet of cases or defendants than the rows that
   * name them, or a write the database refused), or null: the caller then runs the upload
   * again validated first. When every row was validated first, such a failure is an error.
   */
  async finish(parser: ParserProgress): Promise<Error | null> {
    this.send(parser, true);
    await this.chain;
    if (this.failure && this.validateFirst) throw this.failure;
    return this.failure;
  }

  /** Waits for statements still under way (before the transaction ends), whatever their outcome. */
  async settle(): Promise<void> {
    await this.chain;
  }

  /** Whether some rows wait to be written. */
  get waiting(): boolean {
    return Object.values(this.pending).some((writes) => writes.length > 0);
  }

  /** Writes the rows that waited: cases before the rows that name them, defendants before their prosecutions. */
  async writeWaiting(): Promise<void> {
    for (const kind of ['cases', 'victims', 'defendants', 'prosecutions'] as const) {
      for (const write of this.pending[kind].splice(0)) await write();
    }
  }

  /** Looks up the stored cases of the keys of the rows `named` picks, each key once. */
  private resolve<R extends { key: string }>(rows: readonly R[], named: (row: R) => boolean): void {
    const keys: string[] = [];
    for (const row of rows) {
      if (!this.resolved.has(row.key) && named(row)) {
        this.resolved.add(row.key);
        keys.push(row.key);
      }
    }
    if (keys.length) this.queue(() => this.writer.resolveCases(keys));
  }

  /** Nothing more is written once a row has a problem: the upload is to be rolled back. */
  private stopWriting(): void {
    this.writing = false;
    for (const writes of Object.values(this.pending)) writes.length = 0;
  }

  private writeOrWait(kind: Kind, now: boolean, write: () => Promise<void>): void {
    if (now) this.queue(write);
    else this.pending[kind].push(write);
  }

  /** The unsent rows in batches (each with the 1-based place of its first row in the file's rows of that kind). */
  private take<K extends Kind>(
    upload: ParsedUpload,
    kind: K,
    all: boolean,
  ): Array<{ rows: ParsedUpload[K]; first: number }> {
    const rows = upload[kind];
    const out: Array<{ rows: ParsedUpload[K]; first: number }> = [];
    while (rows.length - this.sent[kind] >= (all ? 1 : BATCH_ROWS)) {
      const from = this.sent[kind];
      this.sent[kind] = Math.min(rows.length, from + BATCH_ROWS);
      out.push({ rows: rows.slice(from, this.sent[kind]) as ParsedUpload[K], first: from + 1 });
    }
    return out;
  }

  private fail(error: unknown): void {
    // the database's errors are Errors; anything else rejected is wrapped so that it is one too
    this.failure ??= error instanceof Error ? error : new Error('a statement of the upload failed', { cause: error });
  }

  private queue(statement: () => Promise<unknown>): void {
    // sent when the statement before it is done, while reading goes on; awaited in finish()
    this.chain = this.chain
      .then(() => (this.failure ? undefined : statement()))
      .catch((error: unknown) => this.fail(error));
  }
}
