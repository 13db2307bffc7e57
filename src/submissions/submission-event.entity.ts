import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Submission } from 'src/submissions/submission.entity';

export const SUBMISSION_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** One step of a month's cycle: who, when, and why. */
@Entity({ name: 'submission_events' })
@Index('IDX_submission_events_submission', ['submissionId', 'at'])
@Check('CHK_submission_events_action', `action IN ('submit', 'approve', 'return', 'reopen')`)
export class SubmissionEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  @ManyToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  @Column({ type: 'varchar', length: 10 })
  action!: SubmissionAction;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail!: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;

  /** A submission's note, a return's comment, a re-opening's reason. */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'nil_return', type: 'boolean', nullable: true })
  nilReturn!: boolean | null;

  /** How many plausibility warnings a submission raised. */
  @Column({ type: 'integer', nullable: true })
  warnings!: number | null;

  /** A submission after its deadline. */
  @Column({ type: 'boolean', nullable: true })
  late!: boolean | null;
}
