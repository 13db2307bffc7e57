import { Injectable } from '@nestjs/common';
import { Role } from 'src/users/user.entity';
import { UsersRepository } from 'src/users/users.repository';
import { UsersService } from 'src/users/users.service';

export interface DemoAccount {
  readonly email: string;
  readonly role: Role;
  readonly jurisdiction?: string;
}

/** The one password of every demo account: published (README, start-up table), so demo mode refuses production. */
export const DEMO_PASSWORD = 'margalla-kite-monsoon';

/** One account per role, and a focal person for each jurisdiction. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.tip.local', role: 'admin' },
  { email: 'analyst@demo.tip.local', role: 'analyst' },
  { email: 'viewer@demo.tip.local', role: 'viewer' },
  { email: 'punjab@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-PB' },
  { email: 'sindh@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-SD' },
  { email: 'kp@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-KP' },
  { email: 'balochistan@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-BA' },
  { email: 'islamabad@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-IS' },
  { email: 'ajk@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-JK' },
  { email: 'gb@demo.tip.local', role: 'focal_person', jurisdiction: 'PK-GB' },
];

/** Creates the demo accounts that do not exist yet (through UsersService: the password policy, the role's scope, the audit). */
@Injectable()
export class DemoAccounts {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: UsersRepository,
  ) {}

  async ensure(): Promise<number> {
    let created = 0;
    for (const account of DEMO_ACCOUNTS) {
      if (await this.accounts.emailTaken(account.email)) continue;
      await this.users.create(
        { email: account.email, password: DEMO_PASSWORD, role: account.role, jurisdiction: account.jurisdiction },
        null,
      );
      created++;
    }
    return created;
  }
}

/** The accounts as a table for the console. */
export function demoAccountsTable(): string {
  const rows = [
    ['e-mail', 'role', 'jurisdiction', 'password'],
    ...DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.jurisdiction ?? 'all', DEMO_PASSWORD]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  return [
    '',
    'DEMONSTRATION DATA — synthetic cases, not real ones. Demo accounts:',
    line(rows[0]),
    rule,
    ...rows.slice(1).map(line),
    '',
  ].join('\n');
}
