import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A notice with its unit's name, as the API shows it. */
export interface NoticeRow {
  id: string;
  kind: string;
  month: string;
  reporting_unit_code: string;
  reporting_unit_name: string;
  due_at: Date;
  created_at: Date;
  read_at: Date | null;
}

/** A new reminder notice with what its e-mail needs. */
export interface NewReminder {
  id: string;
  email: string;
  reporting_unit_code: string;
  reporting_unit_name: string;
}

const NOTICE_COLUMNS = `notice.id, notice.kind, to_char(notice.month, 'YYYY-MM') AS month, notice.reporting_unit_code,
       unit.name AS reporting_unit_name, notice.due_at, notice.created_at, notice.read_at`;

/** Notices: each user reads their own; the reminder run adds them. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's notices, unread first, then newest first; at most 100. */
  listFor(userId: string): Promise<NoticeRow[]> {
    return this.dataSource.query(
      `SELECT ${NOTICE_COLUMNS}
         FROM notices notice JOIN reporting_units unit ON unit.code = notice.reporting_unit_code
        WHERE notice.user_id = $1
        ORDER BY notice.read_at IS NULL DESC, notice.created_at DESC, notice.id
        LIMIT 100`,
      [userId],
    );
  }

  /** Marks the user's notice read (the first reading's time is kept); null when it is not theirs. */
  async markRead(id: string, userId: string): Promise<NoticeRow | null> {
    const rows: NoticeRow[] = await this.dataSource.query(
      `WITH marked AS (
         UPDATE notices SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *
       )
       SELECT ${NOTICE_COLUMNS} FROM marked notice JOIN reporting_units unit ON unit.code = notice.reporting_unit_code`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Records a `submission_due` notice of `month` for every active focal person of every
   * active unit whose month is missing, returned or re-opened, unless they have one already;
   * answers the new ones only, so that concurrent runs never notify twice.
   */
  addSubmissionDue(month: string, dueAt: Date): Promise<NewReminder[]> {
    return this.dataSource.query(
      `WITH added AS (
         INSERT INTO notices (user_id, kind, month, reporting_unit_code, due_at)
         SELECT focal.id, 'submission_due', $1::date, unit.code, $2::timestamptz
           FROM reporting_units unit
           JOIN users focal ON focal.reporting_unit_code = unit.code AND focal.role = 'focal_person' AND NOT focal.disabled
           LEFT JOIN submissions submission ON submission.reporting_unit_code = unit.code AND submission.month = $1::date
          WHERE unit.active AND (submission.id IS NULL OR submission.status IN ('returned', 'reopened'))
         ON CONFLICT (user_id, kind, month) DO NOTHING
         RETURNING id, user_id, reporting_unit_code
       )
       SELECT added.id, focal.email, added.reporting_unit_code, unit.name AS reporting_unit_name
         FROM added
         JOIN users focal ON focal.id = added.user_id
         JOIN reporting_units unit ON unit.code = added.reporting_unit_code
        ORDER BY added.reporting_unit_code, focal.email`,
      [`${month}-01`, dueAt],
    );
  }
}
