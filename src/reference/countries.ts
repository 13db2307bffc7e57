import * as countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import { nameKey } from 'src/reference/name-key';

countries.registerLocale(en);

export interface CountryInfo {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly name: string;
}

/** Demonyms people write in a nationality column, by alpha-3. */
const DEMONYMS: Record<string, readonly string[]> = {
  PAK: ['Pakistani'],
  AFG: ['Afghan', 'Afghani'],
  BGD: ['Bangladeshi', 'Bengali'],
  IND: ['Indian'],
  IRN: ['Iranian', 'Persian'],
  NPL: ['Nepali', 'Nepalese'],
  LKA: ['Sri Lankan', 'Srilankan'],
  MMR: ['Burmese', 'Myanmar', 'Myanmarese', 'Rohingya'],
  CHN: ['Chinese'],
  OMN: ['Omani'],
  ARE: ['Emirati', 'UAE', 'Emirates'],
  SAU: ['Saudi', 'Saudi Arabian', 'KSA'],
  IRQ: ['Iraqi'],
  TUR: ['Turkish', 'Turkiye', 'Türkiye'],
  GRC: ['Greek'],
  LBY: ['Libyan'],
  GBR: ['British', 'UK', 'English'],
  USA: ['American'],
  QAT: ['Qatari'],
  KWT: ['Kuwaiti'],
  BHR: ['Bahraini'],
  MYS: ['Malaysian'],
  THA: ['Thai'],
  TJK: ['Tajik', 'Tajikistani'],
  UZB: ['Uzbek', 'Uzbekistani'],
  AZE: ['Azerbaijani', 'Azeri'],
  ITA: ['Italian'],
  ESP: ['Spanish'],
  DEU: ['German'],
  FRA: ['French'],
};

const UNKNOWN = new Set(['', 'unk', 'unknown', 'na', 'notknown', 'none']);

let index: Map<string, string> | undefined;

function buildIndex(): Map<string, string> {
  const map = new Map<string, string>();
  const put = (text: string, alpha3: string) => {
    const key = nameKey(text);
    if (key && !map.has(key)) map.set(key, alpha3);
  };
  for (const [alpha2, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    const alpha3 = countries.alpha2ToAlpha3(alpha2);
    if (!alpha3) continue;
    put(alpha3, alpha3);
    put(alpha2, alpha3);
    for (const name of names) put(name, alpha3);
  }
  for (const [alpha3, demonyms] of Object.entries(DEMONYMS)) for (const d of demonyms) put(d, alpha3);
  return map;
}

/** Every ISO 3166-1 country with its official English short name. */
export function listCountries(): CountryInfo[] {
  return Object.entries(countries.getAlpha2Codes())
    .map(([alpha2, alpha3]) => ({ alpha2, alpha3, name: countries.getName(alpha2, 'en') ?? alpha3 }))
    .sort((a, b) => a.alpha3.localeCompare(b.alpha3));
}

/** A country's English short name from its alpha-3 code (`UNK`, not a country: "Unknown"); the code itself when unknown. */
export function countryName(alpha3: string): string {
  if (alpha3 === 'UNK') return 'Unknown';
  return countries.getName(alpha3, 'en') ?? alpha3;
}

/** True for blank, `UNK`, `unknown` and the like. */
export function isUnknown(text: string | null | undefined): boolean {
  return UNKNOWN.has(nameKey(text ?? ''));
}

/** ISO alpha-3 for a country name, demonym, alpha-2 or alpha-3; null when not recognised. */
export function resolveCountry(text: string): string | null {
  index ??= buildIndex();
  return index.get(nameKey(text)) ?? null;
}
