import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** An (act, section) pair such as `PPC-371A`, tagged with the offence family it evidences. */
@Entity({ name: 'law_sections' })
@Check('CHK_law_sections_family', `family IN ('tip', 'som')`)
export class LawSection {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'varchar', length: 10 })
  act!: string;

  @Column({ type: 'varchar', length: 10 })
  section!: string;

  @Column({ type: 'varchar', length: 3 })
  family!: 'tip' | 'som';

  @Column({ type: 'text' })
  title!: string;
}
