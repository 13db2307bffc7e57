import { INDICATORS } from 'src/international/glotip/glotip-vocabulary';

/** How each international indicator is counted, by the Rule 42 rules (DESIGN §2): on the covers and in the README. */
export const INDICATOR_RULES: ReadonlyArray<readonly [string, string]> = [
  [INDICATORS.offences, '(a) Cases registered: trafficking cases whose FIR date falls in the year.'],
  [
    INDICATORS.contact,
    'Suspects: the defendants (perpetrators and suspected perpetrators) of the trafficking cases registered in the year.',
  ],
  [
    INDICATORS.prosecuted,
    '(d) Prosecutions: persons whose prosecution began (challan accepted / charge filed in court) in the year.',
  ],
  [INDICATORS.convicted, '(e) Convictions: persons convicted with a judgment dated in the year.'],
  [
    INDICATORS.victims,
    'Victims identified: victims whose identified-on date falls in the year (without one, their case’s FIR date).',
  ],
];

/** How persons are placed in the breakdowns. */
export const BREAKDOWN_RULES: ReadonlyArray<readonly [string, string]> = [
  ['Offence family', 'Trafficking in persons only: smuggling-of-migrants and mixed cases are not counted.'],
  [
    'Sex',
    'Female, Male; Other: transgender (khawaja sira); Unknown: not recorded. Unknown is its own row, so that the sexes add up to the total.',
  ],
  [
    'Age',
    'Age at the offence: 0 to 17 years, 18 years or over; Unknown: no age recorded (its own row, so that the ages add up to the total).',
  ],
  [
    'Form of exploitation',
    'Victims: their own forms, else their case’s; persons convicted: their case’s. Sexual exploitation; Forced labour (also bonded labour, domestic servitude, child labour); Other forms of exploitation (forced marriage, forced begging, forced criminality, organ removal, recruitment by armed groups, other, and forms in more than one of these groups); Unknown: none recorded.',
  ],
  [
    'Citizenship',
    'Nationals: Pakistani citizens; other countries by their English short name (ISO 3166-1); Unknown: nationality not recorded.',
  ],
  [
    'Rows',
    'Each indicator’s Total, Female and Male rows by 0 to 17 years, 18 years or over and Total are always given (zeros included); an Other or Unknown row only when not zero. A category of a breakdown is given when its total is not zero. A row not given is zero.',
  ],
];
