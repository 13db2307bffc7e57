import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from 'src/jurisdictions/district.entity';

/** Another spelling of a district ("D.G. Khan", "Layyah"); matched on `alias_key` (see nameKey). */
@Entity({ name: 'district_aliases' })
export class DistrictAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'district_code', type: 'varchar', length: 16 })
  districtCode!: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'district_code' })
  district?: District;

  @Column({ type: 'text' })
  alias!: string;

  @Index({ unique: true })
  @Column({ name: 'alias_key', type: 'text' })
  aliasKey!: string;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
