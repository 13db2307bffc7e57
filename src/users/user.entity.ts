import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/database/base.entity';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';

export const ROLES = ['admin', 'analyst', 'focal_person', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

@Entity({ name: 'users' })
@Check('CHK_users_role', `role IN ('admin', 'analyst', 'focal_person', 'viewer')`)
@Check('CHK_users_scope', `(role = 'focal_person') = (jurisdiction_code IS NOT NULL)`)
export class User extends BaseEntity {
  /** Stored lower-cased. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 5, nullable: true })
  jurisdictionCode!: string | null;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Jurisdiction;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Bumped by logout, password change and disabling: every earlier token stops working. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
