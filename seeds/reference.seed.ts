import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { DEFENDANT_ROLES, EXPLOITATION_FORMS, LAW_SECTIONS, VULNERABILITIES } from 'src/reference/code-lists';
import { listCountries } from 'src/reference/countries';
import { nameKey } from 'src/reference/name-key';

const DATA = join(__dirname, 'data');

/** Spellings people use for districts, beyond the official names (which match too). */
export const DISTRICT_ALIASES: ReadonlyArray<readonly [alias: string, officialName: string]> = [
  ['D.G. Khan', 'Dera Ghazi Khan'],
  ['DG Khan', 'Dera Ghazi Khan'],
  ['D.I. Khan', 'D. I. Khan'],
  ['Dera Ismail Khan', 'D. I. Khan'],
  ['R.Y. Khan', 'Rahim Yar Khan'],
  ['T.T. Singh', 'Toba Tek Singh'],
  ['M.B. Din', 'Mandi Bahauddin'],
  ['Karachi South', 'South Karachi'],
  ['Karachi East', 'East Karachi'],
  ['Karachi West', 'West Karachi'],
  ['Karachi Central', 'Central Karachi'],
  ['Karachi Korangi', 'Korangi Karachi'],
  ['Karachi Malir', 'Malir Karachi'],
  ['Layyah', 'Leiah'],
  ['Nawabshah', 'Shaheed Benazir Abad'],
  ['Umerkot', 'Umer Kot'],
  ['Mirpurkhas', 'Mirpur Khas'],
  ['Qambar Shahdadkot', 'Kambar Shahdad Kot'],
  ['Kachhi (Bolan)', 'Kachhi'],
  ['Bolan', 'Kachhi'],
  ['Lasbela (Hub)', 'Lasbela'],
  ['Islamabad Capital Territory', 'Islamabad'],
  ['ICT', 'Islamabad'],
];

function csv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DATA, file), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells =
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
        ?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')) ?? [];
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

/**
 * Inserts the reference data that is missing and leaves what is there alone, so it can
 * run at every start without undoing an admin's edits.
 */
export async function seedReferenceData(db: DataSource | EntityManager): Promise<void> {
  const run = (sql: string, params: unknown[]) => db.query(sql, params);

  const crosswalk = csv('pk_adm1_iso3166_2_crosswalk.csv');
  await run(
    `INSERT INTO jurisdictions (code, pcode, name)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[]) ON CONFLICT (code) DO NOTHING`,
    [crosswalk.map((r) => r.iso_3166_2), crosswalk.map((r) => r.adm1_pcode), crosswalk.map((r) => r.official_name)],
  );
  const isoByPcode = new Map(crosswalk.map((r) => [r.adm1_pcode, r.iso_3166_2]));

  // the police of each jurisdiction and the FIA in all; a unit's jurisdictions are set when it is
  // first added, so an administrator's later changes to them stay
  await run(
    `WITH added AS (
       INSERT INTO reporting_units (code, name, agency)
       SELECT 'POLICE-' || code, name || ' Police', 'police' FROM jurisdictions
       UNION ALL SELECT 'FIA', 'Federal Investigation Agency', 'fia'
       ON CONFLICT (code) DO NOTHING RETURNING code)
     INSERT INTO reporting_unit_jurisdictions (reporting_unit_code, jurisdiction_code)
     SELECT added.code, jurisdiction.code FROM added JOIN jurisdictions jurisdiction
       ON added.code = 'FIA' OR added.code = 'POLICE-' || jurisdiction.code`,
    [],
  );

  const districts = csv('pk_districts_ocha_pcodes.csv');
  await run(
    `INSERT INTO districts (code, jurisdiction_code, name)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[]) ON CONFLICT (code) DO NOTHING`,
    [
      districts.map((r) => r.adm2_pcode),
      districts.map((r) => isoByPcode.get(r.adm1_pcode)),
      districts.map((r) => r.adm2_name),
    ],
  );

  const codeByName = new Map(districts.map((r) => [r.adm2_name, r.adm2_pcode]));
  const aliases = [
    ...districts.map((r) => [r.adm2_name, r.adm2_pcode] as const),
    ...DISTRICT_ALIASES.map(([alias, official]) => {
      const code = codeByName.get(official);
      if (!code) throw new Error(`alias ${alias} names an unknown district ${official}`);
      return [alias, code] as const;
    }),
  ];
  await run(
    `INSERT INTO district_aliases (district_code, alias, alias_key)
     SELECT * FROM unnest($1::varchar[], $2::text[], $3::text[]) ON CONFLICT (alias_key) DO NOTHING`,
    [aliases.map(([, code]) => code), aliases.map(([alias]) => alias), aliases.map(([alias]) => nameKey(alias))],
  );

  const countries = listCountries();
  await run(
    `INSERT INTO countries (alpha3, alpha2, name)
     SELECT * FROM unnest($1::char(3)[], $2::char(2)[], $3::text[]) ON CONFLICT (alpha3) DO NOTHING`,
    [countries.map((c) => c.alpha3), countries.map((c) => c.alpha2), countries.map((c) => c.name)],
  );

  const items = (
    [
      ['exploitation_form', EXPLOITATION_FORMS],
      ['vulnerability', VULNERABILITIES],
      ['defendant_role', DEFENDANT_ROLES],
    ] as const
  ).flatMap(([list, values]) => values.map((v, i) => ({ list, code: v.code, label: v.label, position: i })));
  await run(
    `INSERT INTO code_list_items (list, code, label, position)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::smallint[]) ON CONFLICT (list, code) DO NOTHING`,
    [items.map((i) => i.list), items.map((i) => i.code), items.map((i) => i.label), items.map((i) => i.position)],
  );

  await run(
    `INSERT INTO law_sections (code, act, section, family, title)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[]) ON CONFLICT (code) DO NOTHING`,
    [
      LAW_SECTIONS.map((s) => s.code),
      LAW_SECTIONS.map((s) => s.act),
      LAW_SECTIONS.map((s) => s.section),
      LAW_SECTIONS.map((s) => s.family),
      LAW_SECTIONS.map((s) => s.title),
    ],
  );
}
