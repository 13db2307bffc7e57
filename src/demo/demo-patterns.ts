import { OffenceFamily, ReportingAgency, Sex } from 'src/reference/code-lists';

/**
 * The shapes the demonstration data follows, written as weights: roughly those of the cases
 * Pakistan reports (most victims trafficked inside the country, a large share of them
 * children; bonded labour in brick kilns and agriculture, domestic servitude, sexual
 * exploitation, forced marriage and begging; the Gulf, Iran–Turkey–Europe and Afghanistan
 * routes; many cases registered, fewer sent to court, few convictions). Illustrative only:
 * no figure here is an official one.
 */

export type Weights<T> = ReadonlyArray<readonly [T, number]>;

/** The first and last day of the data set: three whole calendar years, so that it is the same whenever it is made. */
export const FIRST_DAY = '2023-01-01';
export const LAST_DAY = '2025-12-31';
export const YEARS: Weights<number> = [
  [2023, 0.3],
  [2024, 0.33],
  [2025, 0.37],
];

/** Shares of the cases, roughly by population. */
export const JURISDICTION_SHARES: Weights<string> = [
  ['PK-PB', 0.52],
  ['PK-SD', 0.22],
  ['PK-KP', 0.14],
  ['PK-BA', 0.05],
  ['PK-IS', 0.03],
  ['PK-JK', 0.025],
  ['PK-GB', 0.015],
];

/** Districts with more cases than the others of their jurisdiction (weight 1), by official name. */
export const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  Lahore: 7,
  Faisalabad: 4,
  Rawalpindi: 4,
  Multan: 3,
  Gujranwala: 3,
  'Rahim Yar Khan': 3,
  Kasur: 2.5,
  Sheikhupura: 2.5,
  Sialkot: 2.5,
  Gujrat: 2.5,
  'Mandi Bahauddin': 2,
  Bahawalpur: 2,
  'Dera Ghazi Khan': 2,
  Sargodha: 2,
  'Central Karachi': 3,
  'East Karachi': 3,
  'Korangi Karachi': 2.5,
  'Malir Karachi': 2.5,
  'South Karachi': 2.5,
  'West Karachi': 3,
  Hyderabad: 3,
  Sukkur: 2,
  Tharparkar: 2,
  Sanghar: 2,
  'Mirpur Khas': 2,
  'Umer Kot': 2,
  Larkana: 1.5,
  Peshawar: 6,
  Mardan: 2.5,
  Swat: 2,
  'D. I. Khan': 2,
  Abbottabad: 2,
  Nowshera: 1.5,
  Quetta: 6,
  Kech: 2,
  Chagai: 2,
  Gwadar: 1.5,
  Chaman: 1.5,
  Gilgit: 3,
  Skardu: 2,
  Hunza: 1.5,
  Muzaffarabad: 3,
  Mirpur: 3,
  Kotli: 2,
};

/** Where people trafficked inside the country are most often taken. */
export const CITY_DESTINATIONS: Weights<string> = [
  ['Lahore', 5],
  ['Central Karachi', 2],
  ['East Karachi', 2],
  ['West Karachi', 2],
  ['Faisalabad', 2],
  ['Rawalpindi', 2],
  ['Islamabad', 2],
  ['Multan', 1],
  ['Peshawar', 1.5],
  ['Hyderabad', 1],
  ['Quetta', 0.5],
];

export const STATION_NAMES = [
  'Saddar',
  'City',
  'Civil Lines',
  'Cantt',
  'Model Town',
  'Railway',
  'Satellite Town',
  'Kotwali',
  'Airport',
  'Industrial Area',
];

export const OFFENCE_FAMILIES: Weights<OffenceFamily> = [
  ['tip', 0.86],
  ['som', 0.08],
  ['mixed', 0.06],
];

/** Share of trafficking cases that cross a border, by jurisdiction. */
export const TRANSNATIONAL_SHARE: Readonly<Record<string, number>> = {
  'PK-PB': 0.24,
  'PK-SD': 0.2,
  'PK-KP': 0.32,
  'PK-BA': 0.4,
  'PK-IS': 0.35,
  'PK-JK': 0.35,
  'PK-GB': 0.3,
};

export const INTERNAL_FORMS: Weights<string> = [
  ['sexual_exploitation', 0.2],
  ['bonded_labour', 0.17],
  ['forced_labour', 0.15],
  ['domestic_servitude', 0.14],
  ['forced_marriage', 0.1],
  ['forced_begging', 0.1],
  ['child_labour', 0.07],
  ['forced_criminality', 0.03],
  ['organ_removal', 0.005],
  ['other', 0.025],
];

export const TRANSNATIONAL_FORMS: Weights<string> = [
  ['forced_labour', 0.3],
  ['sexual_exploitation', 0.22],
  ['domestic_servitude', 0.12],
  ['forced_marriage', 0.12],
  ['forced_begging', 0.12],
  ['armed_group_recruitment', 0.03],
  ['forced_criminality', 0.02],
  ['organ_removal', 0.01],
  ['other', 0.06],
];

/** Where victims taken abroad were exploited, by form. */
export const DESTINATIONS_ABROAD: Readonly<Record<string, Weights<string>>> = {
  forced_labour: [
    ['SAU', 0.35],
    ['ARE', 0.25],
    ['OMN', 0.12],
    ['QAT', 0.1],
    ['KWT', 0.05],
    ['BHR', 0.03],
    ['MYS', 0.05],
    ['IRN', 0.05],
  ],
  domestic_servitude: [
    ['SAU', 0.4],
    ['ARE', 0.3],
    ['OMN', 0.15],
    ['QAT', 0.1],
    ['KWT', 0.05],
  ],
  sexual_exploitation: [
    ['ARE', 0.5],
    ['OMN', 0.12],
    ['SAU', 0.1],
    ['MYS', 0.12],
    ['QAT', 0.06],
    ['THA', 0.05],
    ['BHR', 0.05],
  ],
  forced_marriage: [
    ['CHN', 0.6],
    ['AFG', 0.2],
    ['ARE', 0.1],
    ['SAU', 0.1],
  ],
  forced_begging: [
    ['SAU', 0.6],
    ['IRQ', 0.2],
    ['ARE', 0.15],
    ['IRN', 0.05],
  ],
  armed_group_recruitment: [['AFG', 1]],
  forced_criminality: [
    ['ARE', 0.5],
    ['SAU', 0.5],
  ],
  organ_removal: [
    ['EGY', 0.5],
    ['ARE', 0.5],
  ],
  other: [
    ['ARE', 0.4],
    ['SAU', 0.4],
    ['MYS', 0.2],
  ],
};

/** Routes of smuggled migrants and of the trafficking cases mixed with smuggling: transits, then the destination. */
export const IRREGULAR_ROUTES: Weights<readonly string[]> = [
  [['IRN', 'TUR', 'GRC'], 0.33],
  [['IRN', 'TUR'], 0.1],
  [['IRN', 'TUR', 'GRC', 'ITA'], 0.1],
  [['ARE', 'EGY', 'LBY', 'ITA'], 0.2],
  [['IRN', 'TUR', 'GRC', 'SRB', 'DEU'], 0.05],
  [['ARE', 'ESP'], 0.05],
  [['GBR'], 0.08],
  [['OMN'], 0.09],
];

/** Where the victims brought into Pakistan come from (a transit before Pakistan, if any). */
export const INBOUND_ORIGINS: Weights<readonly string[]> = [
  [['AFG'], 0.6],
  [['BGD', 'IND'], 0.25],
  [['MMR', 'BGD', 'IND'], 0.1],
  [['IRN'], 0.05],
];

/** Where an exploited person was found, by form, for a route's destination. */
export const PLACES: Readonly<Record<string, readonly string[]>> = {
  bonded_labour: ['Brick kiln', 'Agricultural land', 'Brick kiln'],
  forced_labour: ['Brick kiln', 'Agricultural land', 'Factory', 'Construction site', 'Fishing harbour'],
  domestic_servitude: ['Private residence'],
  sexual_exploitation: ['Private residence', 'Hotel', 'Guest house'],
  forced_begging: ['Market', 'Shrine', 'Traffic signals'],
  child_labour: ['Workshop', 'Hotel', 'Brick kiln', 'Carpet workshop'],
  forced_marriage: ['Private residence'],
  forced_criminality: ['Market'],
  organ_removal: ['Private clinic'],
  armed_group_recruitment: [],
  other: [],
};

/** Share of children among the victims of each form (som: the smuggled persons). */
export const CHILD_SHARE: Readonly<Record<string, number>> = {
  child_labour: 1,
  armed_group_recruitment: 0.9,
  forced_begging: 0.75,
  domestic_servitude: 0.62,
  bonded_labour: 0.45,
  forced_marriage: 0.45,
  sexual_exploitation: 0.4,
  forced_criminality: 0.35,
  forced_labour: 0.22,
  other: 0.3,
  organ_removal: 0.05,
  none: 0.08,
};

/** The sex of the victims of each form. */
export const VICTIM_SEX: Readonly<Record<string, Weights<Sex>>> = {
  sexual_exploitation: [
    ['female', 0.84],
    ['male', 0.08],
    ['transgender', 0.07],
    ['unknown', 0.01],
  ],
  forced_marriage: [
    ['female', 0.98],
    ['male', 0.02],
  ],
  domestic_servitude: [
    ['female', 0.7],
    ['male', 0.29],
    ['unknown', 0.01],
  ],
  forced_begging: [
    ['male', 0.5],
    ['female', 0.44],
    ['transgender', 0.04],
    ['unknown', 0.02],
  ],
  armed_group_recruitment: [['male', 1]],
  organ_removal: [
    ['male', 0.7],
    ['female', 0.3],
  ],
  other: [
    ['male', 0.55],
    ['female', 0.43],
    ['unknown', 0.02],
  ],
  labour: [
    ['male', 0.66],
    ['female', 0.32],
    ['unknown', 0.02],
  ],
  none: [
    ['male', 0.9],
    ['female', 0.1],
  ],
};

/** Law sections cited, by form; every trafficking case also cites PTPA-3. */
export const SECTIONS_BY_FORM: Readonly<Record<string, readonly string[]>> = {
  sexual_exploitation: ['PPC-371A', 'PPC-371B'],
  forced_marriage: ['PPC-498B', 'PPC-365B'],
  bonded_labour: ['BLSAA-11', 'PPC-374'],
  forced_labour: ['PPC-374'],
  child_labour: ['PPC-374'],
  domestic_servitude: ['PPC-374'],
  forced_begging: ['PPC-370'],
};

/** How a case's investigation ends, by offence family. */
export const DISPOSALS: Weights<'challan_submitted' | 'cancelled' | 'untraced' | 'transferred' | 'closed_other'> = [
  ['challan_submitted', 0.56],
  ['cancelled', 0.18],
  ['untraced', 0.15],
  ['transferred', 0.07],
  ['closed_other', 0.04],
];

/** Who registers a case: the FIA (its unit `FIA`) most cases that cross a border, the police of the jurisdiction the others. */
export const AGENCY_ABROAD: Weights<ReportingAgency> = [
  ['fia', 0.8],
  ['police', 0.2],
];
export const AGENCY_HOME: Weights<ReportingAgency> = [
  ['police', 0.96],
  ['fia', 0.04],
];

export const DEFENDANT_COUNTS: Weights<number> = [
  [1, 0.38],
  [2, 0.3],
  [3, 0.18],
  [4, 0.09],
  [5, 0.05],
];

/** The accused are mostly men; more women recruit for sexual exploitation and domestic servitude. */
export const ACCUSED_SEX: Weights<Sex> = [
  ['male', 0.88],
  ['female', 0.11],
  ['transgender', 0.01],
];
export const RECRUITER_SEX: Weights<Sex> = [
  ['male', 0.72],
  ['female', 0.26],
  ['transgender', 0.02],
];

export const ACCUSED_NATIONALITY: Weights<string | null> = [
  ['PAK', 0.96],
  ['AFG', 0.03],
  [null, 0.01],
];
