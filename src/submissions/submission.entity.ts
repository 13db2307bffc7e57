import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';

export const SUBMISSION_STATUSES = ['submitted', 'returned', 'approved', 'reopened'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A plausibility check's finding on a submitted month: a warning, never a refusal. */
export interface PlausibilityWarning {
  code: string;
  message: string;
  /** How many cases, victims or prosecutions it concerns. */
  count: number;
  /** The cases concerned (ids only), at most 50. */
  caseIds: string[];
}

/**
 * A reporting unit's month as it stands in the monthly cycle: submitted (with its checks),
 * returned with a comment, approved (its figures locked), or re-opened by an administrator.
 * A month with no row is missing. Every step is kept in submission_events.
 */
@Entity({ name: 'submissions' })
@Index('UQ_submissions_unit_month', ['reportingUnitCode', 'month'], { unique: true })
@Index('IDX_submissions_month', ['month'])
@Check('CHK_submissions_status', `status IN ('submitted', 'returned', 'approved', 'reopened')`)
@Check('CHK_submissions_month', `month = date_trunc('month', month)::date`)
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'reporting_unit_code', type: 'varchar', length: 40 })
  reportingUnitCode!: string;

  @ManyToOne(() => ReportingUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporting_unit_code' })
  reportingUnit?: ReportingUnit;

  /** The first day of the month reported. */
  @Column({ type: 'date' })
  month!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SubmissionStatus;

  /** The unit states it had no cases in the month. */
  @Column({ name: 'nil_return', type: 'boolean', default: false })
  nilReturn!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The plausibility checks of the latest submission. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  checks!: PlausibilityWarning[];

  /** When the month was first submitted: on time when by the deadline. */
  @Column({ name: 'first_submitted_at', type: 'timestamptz' })
  firstSubmittedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  /** The first submission came after the deadline. */
  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  /** The reviewer's comment (a return's reason) or the administrator's reason to re-open. */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
