import { admin } from './admin';
import { cases } from './cases';
import { common } from './common';
import { dashboard } from './dashboard';
import { imports } from './imports';
import { international } from './international';
import { notices } from './notices';
import { problems } from './problems';
import { session } from './session';
import { submissions } from './submissions';
import { units } from './units';
import { workbooks } from './workbooks';

/** The English message catalogue: every string a user reads, one file per area. */
export const en = {
  ...common,
  ...session,
  ...imports,
  ...cases,
  ...admin,
  ...units,
  ...dashboard,
  ...workbooks,
  ...submissions,
  ...notices,
  ...international,
  ...problems,
} as const;

export type MessageKey = keyof typeof en;
