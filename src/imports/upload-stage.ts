import { EntityManager } from 'typeorm';
import { ParsedUpload } from 'src/imports/import-rows';

/** Rows sent to the staging tables in one statement. */
const STAGE_EVERY = 5_000;

const list = (xs: readonly string[]) => xs.join(',');

/**
 * The cases (with their routes), victims, defendants and prosecutions of an upload, copied
 * as they are read into temporary tables of the import's own transaction (dropped when it
 * ends), so that PostgreSQL takes them in on its own core while the rest of the file is
 * still being parsed; validation reads the file's cases from there and the writer upserts
 * from there. Only rows that passed the cell checks are staged (and none once the file has
 * an error), and nothing reaches the case tables before the whole upload is validated.
 */
export class UploadStage {
  private readonly sent = { cases: 0, victims: 0, defendants: 0, prosecutions: 0 };
  /** The staging statements, one after another (a connection runs one at a time). */
  private chain: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;

  private constructor(private readonly m: EntityManager) {}

  /** Creates the staging tables; `m` must be inside the transaction that will write the upload. */
  static async open(m: EntityManager): Promise<UploadStage> {
    await m.query(`
      CREATE TEMP TABLE import_cases (ord bigint, key text, j varchar, d varchar, ps text, psk text, no varchar, yr smallint, fd date,
                                      ra varchar, fam varchar, ls text, tt varchar, ef text, st varchar, ic date, rm text) ON COMMIT DROP;
      CREATE TEMP TABLE import_route_points (ord bigint, position smallint, kind varchar, country char(3), district varchar) ON COMMIT DROP;
      CREATE TEMP TABLE import_victims (key text, ref varchar, sex varchar, age smallint, est bool, nat char(3), rd varchar, rc char(3),
                                        ef text, vu text, ident date, refd varchar, rep bool, cnic varchar) ON COMMIT DROP;
      CREATE TEMP TABLE import_defendants (key text, ref varchar, name text, cnic varchar, sex varchar, age smallint, nat char(3),
                                           role varchar, cust varchar, grp text) ON COMMIT DROP;
      CREATE TEMP TABLE import_prosecutions (key text, ref varchar, court text, ch text, pd date, oc varchar, od date, months int,
                                             fine bigint, appeal varchar) ON COMMIT DROP;
      CREATE TEMP TABLE import_case_ids (key text PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP`);
    return new UploadStage(m);
  }

  /** Sends the rows stored since the last call, once enough have gathered (all of them when `final`). */
  send(upload: ParsedUpload, final = false): void {
    const first = this.sent.cases + 1;
    const cs = this.take(upload, 'cases', final);
    if (cs.length) {
      // ord: the row's place in upload.cases, by which the writer adds what depends on the database (the status date)
      this.queue(
        `INSERT INTO import_cases
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::varchar[], $4::varchar[], $5::text[], $6::text[], $7::varchar[], $8::smallint[], $9::date[],
                              $10::varchar[], $11::varchar[], $12::text[], $13::varchar[], $14::text[], $15::varchar[], $16::date[], $17::text[])`,
        [
          cs.map((_, i) => first + i), cs.map((c) => c.key), cs.map((c) => c.jurisdiction), cs.map((c) => c.district), cs.map((c) => c.policeStation),
          cs.map((c) => c.policeStationKey), cs.map((c) => c.firNumber), cs.map((c) => c.firYear), cs.map((c) => c.firDate), cs.map((c) => c.reportingAgency),
          cs.map((c) => c.offenceFamily), cs.map((c) => list(c.lawSections)), cs.map((c) => c.traffickingType), cs.map((c) => list(c.exploitationForms)),
          cs.map((c) => c.status), cs.map((c) => c.investigationConcludedOn), cs.map((c) => c.remarks),
        ],
      );
      const ord: number[] = [];
      const position: number[] = [];
      const kind: string[] = [];
      const country: string[] = [];
      const district: Array<string | null> = [];
      cs.forEach((c, i) => c.route.forEach((p, at) => {
        ord.push(first + i);
        position.push(at);
        kind.push(p.kind);
        country.push(p.country);
        district.push(p.district);
      }));
      if (ord.length) {
        this.queue(
          'INSERT INTO import_route_points SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::varchar[], $4::char(3)[], $5::varchar[])',
          [ord, position, kind, country, district],
        );
      }
    }
    const vs = this.take(upload, 'victims', final);
    if (vs.length) {
      this.queue(
        `INSERT INTO import_victims
         SELECT * FROM unnest($1::text[], $2::varchar[], $3::varchar[], $4::smallint[], $5::bool[], $6::char(3)[], $7::varchar[], $8::char(3)[],
                              $9::text[], $10::text[], $11::date[], $12::varchar[], $13::bool[], $14::varchar[])`,
        [
          vs.map((v) => v.key), vs.map((v) => v.ref), vs.map((v) => v.sex), vs.map((v) => v.age), vs.map((v) => v.ageEstimated),
          vs.map((v) => v.nationality), vs.map((v) => v.residenceDistrict), vs.map((v) => v.residenceCountry), vs.map((v) => list(v.exploitationForms)),
          vs.map((v) => list(v.vulnerabilities)), vs.map((v) => v.identifiedOn), vs.map((v) => v.referredTo), vs.map((v) => v.repatriated),
          vs.map((v) => v.cnicHash),
        ],
      );
    }
    const ds = this.take(upload, 'defendants', final);
    if (ds.length) {
      this.queue(
        `INSERT INTO import_defendants
         SELECT * FROM unnest($1::text[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::smallint[], $7::char(3)[],
                              $8::varchar[], $9::varchar[], $10::text[])`,
        [
          ds.map((d) => d.key), ds.map((d) => d.ref), ds.map((d) => d.name), ds.map((d) => d.cnicHash), ds.map((d) => d.sex),
          ds.map((d) => d.age), ds.map((d) => d.nationality), ds.map((d) => d.role), ds.map((d) => d.custodyStatus), ds.map((d) => d.groupName),
        ],
      );
    }
    const ps = this.take(upload, 'prosecutions', final);
    if (ps.length) {
      this.queue(
        `INSERT INTO import_prosecutions
         SELECT * FROM unnest($1::text[], $2::varchar[], $3::text[], $4::text[], $5::date[], $6::varchar[], $7::date[], $8::int[],
                              $9::bigint[], $10::varchar[])`,
        [
          ps.map((p) => p.key), ps.map((p) => p.defendantRef), ps.map((p) => p.court), ps.map((p) => list(p.charges)), ps.map((p) => p.prosecutionDate),
          ps.map((p) => p.outcome), ps.map((p) => p.outcomeDate), ps.map((p) => p.sentenceMonths), ps.map((p) => p.finePkr), ps.map((p) => p.appealStatus),
        ],
      );
    }
  }

  /** Sends what is left and waits until every staged row is in. */
  async finish(upload: ParsedUpload): Promise<void> {
    this.send(upload, true);
    await this.chain;
    if (this.failure) throw this.failure;
    await this.m.query('ANALYZE import_cases, import_route_points, import_victims, import_defendants, import_prosecutions');
  }

  /** Waits for statements still under way (before the transaction ends), whatever their outcome. */
  async settle(): Promise<void> {
    await this.chain;
  }

  private take<K extends 'cases' | 'victims' | 'defendants' | 'prosecutions'>(upload: ParsedUpload, kind: K, final: boolean): ParsedUpload[K] {
    const rows = upload[kind];
    if (rows.length - this.sent[kind] < (final ? 1 : STAGE_EVERY)) return [] as unknown as ParsedUpload[K];
    const from = this.sent[kind];
    this.sent[kind] = rows.length;
    return rows.slice(from) as ParsedUpload[K];
  }

  private queue(sql: string, params: unknown[]): void {
    // sent when the statement before it is done, while reading goes on; awaited in finish()
    this.chain = this.chain.then(() => (this.failure ? undefined : this.m.query(sql, params))).catch((error: unknown) => (this.failure ??= error));
  }
}
