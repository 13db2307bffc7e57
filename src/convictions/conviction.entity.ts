import { Check, Column, Entity, Index, JoinColumn, OneToOne } from 'typeorm';
import { BaseEntity } from 'src/database/base.entity';
import { Prosecution } from 'src/prosecutions/prosecution.entity';
import { AppealStatus } from 'src/reference/code-lists';

/** The conviction of one prosecution; its judgment date is the prosecution's outcome date. */
@Entity({ name: 'convictions' })
@Index('IDX_convictions_judgment_date', ['judgmentDate'])
@Check('CHK_convictions_imprisonment', 'imprisonment_months IS NULL OR imprisonment_months >= 0')
@Check('CHK_convictions_fine', 'fine_pkr IS NULL OR fine_pkr >= 0')
@Check('CHK_convictions_appeal', `appeal_status IN ('none', 'pending', 'upheld', 'overturned')`)
export class Conviction extends BaseEntity {
  @Column({ name: 'prosecution_id', type: 'uuid', unique: true })
  prosecutionId!: string;

  @OneToOne(() => Prosecution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prosecution_id' })
  prosecution?: Prosecution;

  @Column({ name: 'judgment_date', type: 'date' })
  judgmentDate!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sections!: string[];

  @Column({ name: 'imprisonment_months', type: 'integer', nullable: true })
  imprisonmentMonths!: number | null;

  @Column({ name: 'fine_pkr', type: 'bigint', nullable: true })
  finePkr!: string | null;

  @Column({ name: 'appeal_status', type: 'varchar', length: 12, default: 'none' })
  appealStatus!: AppealStatus;
}
