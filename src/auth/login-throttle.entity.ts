import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed logins of one e-mail address (known or not) from one client address. After a
 * number of failures that pair waits a growing delay; other addresses are not affected,
 * so a stranger cannot lock an account's owner out.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  /** As typed, lower-cased: unknown addresses are throttled exactly like known ones. */
  @PrimaryColumn({ type: 'text' })
  email!: string;

  @PrimaryColumn({ name: 'client_address', type: 'text' })
  clientAddress!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;

  @Index()
  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt!: Date | null;
}
