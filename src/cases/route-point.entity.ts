import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { District } from 'src/jurisdictions/district.entity';
import { Country } from 'src/reference/country.entity';

export const ROUTE_KINDS = ['origin', 'transit', 'destination'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/** One point of a case's route, in order: origin, transit…, destination (place of exploitation). */
@Entity({ name: 'route_points' })
@Index('UQ_route_points_position', ['caseId', 'position'], { unique: true })
@Index('IDX_route_points_transit_case', ['caseId'], { where: `"kind" = 'transit'` })
@Check('CHK_route_points_kind', `kind IN ('origin', 'transit', 'destination')`)
export class RoutePoint {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRecord?: CaseRecord;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 11 })
  kind!: RouteKind;

  @Index()
  @Column({ name: 'country_code', type: 'char', length: 3 })
  countryCode!: string;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'country_code' })
  country?: Country;

  /** Inside Pakistan only. */
  @Index()
  @Column({ name: 'district_code', type: 'varchar', length: 16, nullable: true })
  districtCode!: string | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_code' })
  district?: District;

  @Column({ type: 'text', nullable: true })
  place!: string | null;
}
