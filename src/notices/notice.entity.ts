import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';
import { User } from 'src/users/user.entity';

export const NOTICE_KINDS = ['submission_due'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * A notice to one user in the application: for now, that their unit's month is due soon and
 * not yet submitted. One per user, kind and month, so a daily run never repeats it.
 */
@Entity({ name: 'notices' })
@Index('UQ_notices_user_kind_month', ['userId', 'kind', 'month'], { unique: true })
@Index('IDX_notices_user_created', ['userId', 'createdAt'])
@Check('CHK_notices_kind', `kind IN ('submission_due')`)
@Check('CHK_notices_month', `month = date_trunc('month', month)::date`)
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 30 })
  kind!: NoticeKind;

  /** The first day of the month the notice is about. */
  @Column({ type: 'date' })
  month!: string;

  /** The unit whose month is due (the user's when the notice was made). */
  @Column({ name: 'reporting_unit_code', type: 'varchar', length: 40 })
  reportingUnitCode!: string;

  @ManyToOne(() => ReportingUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporting_unit_code' })
  reportingUnit?: ReportingUnit;

  /** The deadline as it stood when the notice was made. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
