import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { CaseStatus } from 'src/reference/code-lists';

/** One dated change of a case's status; the history that status-at-a-date queries read. */
@Entity({ name: 'case_status_events' })
@Index('IDX_case_status_events_case_date', ['caseId', 'statusDate'])
@Index('IDX_case_status_events_date', ['statusDate'])
export class CaseStatusEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRecord?: CaseRecord;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus!: CaseStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus!: CaseStatus;

  /** When the change took effect (not when it was recorded). */
  @Column({ name: 'status_date', type: 'date' })
  statusDate!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;
}
