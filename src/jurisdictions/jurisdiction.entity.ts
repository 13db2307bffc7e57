import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A province or territory (ISO 3166-2:PK) whose police report cases. */
@Entity({ name: 'jurisdictions' })
export class Jurisdiction {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  code!: string;

  @Column({ type: 'varchar', length: 8, unique: true })
  pcode!: string;

  @Column({ type: 'text' })
  name!: string;
}
