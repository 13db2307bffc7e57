import { common } from './common';
import { problems } from './problems';
import { session } from './session';

/** The English message catalogue: every string a user reads, one file per area. */
export const en = { ...common, ...session, ...problems } as const;

export type MessageKey = keyof typeof en;
