import fc from 'fast-check';
import type { Cell } from 'src/imports/reading/sheet-rows';

/**
 * Any cell the upload reader can hand on, for property tests: text (any Unicode, lone
 * surrogates included), numbers of every kind, dates valid or not, booleans, error values and
 * formulas without a saved value.
 */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: false }),
  fc.boolean(),
  fc.constantFrom<Cell>({ error: '#N/A' }, { error: 'anything' }, { formula: true }),
);
