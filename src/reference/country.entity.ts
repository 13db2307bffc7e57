import { Column, Entity, PrimaryColumn } from 'typeorm';

/** ISO 3166-1 country, seeded from the i18n-iso-countries package. */
@Entity({ name: 'countries' })
export class Country {
  @PrimaryColumn({ type: 'char', length: 3 })
  alpha3!: string;

  @Column({ type: 'char', length: 2, unique: true })
  alpha2!: string;

  @Column({ type: 'text' })
  name!: string;
}
