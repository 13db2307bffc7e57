import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { INTERNATIONAL_INCONSISTENCIES, INTERNATIONAL_PERSONS } from 'src/international/international-figures.sql';
import { AgeGroup } from 'src/statistics/counting-rules.sql';
import { Sex } from 'src/reference/code-lists';

export type PersonIndicator = 'contact' | 'prosecuted' | 'convicted' | 'victims';

/** A group of persons counted in a year, with what the breakdowns need. */
export interface PersonGroup {
  readonly indicator: PersonIndicator;
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  /** ISO alpha-3; `UNK` when not recorded. */
  readonly nationality: string;
  /** The nationality's name in the reference table (null when not recorded). */
  readonly nationalityName: string | null;
  readonly forms: readonly string[];
  /** Convictions only: months of imprisonment imposed (null: none recorded). */
  readonly imprisonmentMonths: number | null;
  /** Convictions only: a fine was imposed. */
  readonly fined: boolean;
  readonly persons: number;
}

export type InconsistencyKind =
  'convicted_before_prosecution' | 'conviction_outcome_mismatch' | 'prosecuted_before_registration';

export interface InconsistentGroup {
  readonly kind: InconsistencyKind;
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly persons: number;
}

/** The year's day span: its first and last day. */
export const yearSpan = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

@Injectable()
export class InternationalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async persons(year: number): Promise<PersonGroup[]> {
    const { from, to } = yearSpan(year);
    return this.dataSource.query(INTERNATIONAL_PERSONS, [from, to]);
  }

  async inconsistencies(year: number): Promise<InconsistentGroup[]> {
    const { from, to } = yearSpan(year);
    return this.dataSource.query(INTERNATIONAL_INCONSISTENCIES, [from, to]);
  }
}
