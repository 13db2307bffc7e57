import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';

/** A district (OCHA P-code, or a provisional code an admin assigns to a newly notified one). */
@Entity({ name: 'districts' })
@Check('CHK_districts_validity', 'valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from')
export class District {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Index()
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 5 })
  jurisdictionCode!: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Jurisdiction;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
