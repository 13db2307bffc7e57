import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One value of a coded list (exploitation forms, vulnerabilities, defendant roles). */
@Entity({ name: 'code_list_items' })
export class CodeListItem {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  list!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
