export class NoticeResponse {
  id!: string;
  /** submission_due: the unit's month is due soon and not yet submitted */
  kind!: string;
  /** The month the notice is about, `YYYY-MM`. */
  month!: string;
  reportingUnit!: string;
  reportingUnitName!: string;
  /** The deadline (end of its day, Pakistan time). */
  dueAt!: string;
  /** What the notice says, in a sentence. */
  message!: string;
  createdAt!: string;
  /** When the user marked it read; null while unread. */
  readAt!: string | null;
}
