import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { deadlineDate, monthName, submissionDueText } from 'src/notices/notice-text';
import { NewReminder, NoticesRepository } from 'src/notices/notices.repository';
import { dueMonth } from 'src/reminders/due-month';
import { Mail, Mailer } from 'src/reminders/mailer';

/** What one run did. */
export interface ReminderRun {
  /** The month due (`YYYY-MM`), or null when no deadline was near. */
  readonly month: string | null;
  readonly notices: number;
  readonly emailsSent: number;
  readonly emailsFailed: number;
}

/**
 * Reminders of the monthly cycle: from a few days before a month's deadline, every active
 * focal person of a unit that has not submitted that month (or had it returned or re-opened)
 * gets one notice in the application and, with SMTP, one e-mail. E-mails name the unit, the
 * month and the deadline only — never a case or a figure.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly notices: NoticesRepository,
    private readonly mailer: Mailer,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const job = new CronJob(
      this.config.reminders.cron,
      () => void this.sendDue().catch(() => undefined),
      null,
      false,
      'Asia/Karachi',
    );
    this.scheduler.addCronJob('submission-reminders', job);
    job.start();
  }

  /** The daily run: notices (and e-mails) for the month due at `now`, each user once. */
  async sendDue(now = new Date()): Promise<ReminderRun> {
    const due = dueMonth(now, this.config.submissions.deadlineDay, this.config.reminders.daysBefore);
    if (!due) return { month: null, notices: 0, emailsSent: 0, emailsFailed: 0 };
    let added: NewReminder[];
    try {
      added = await this.notices.addSubmissionDue(due.month, due.deadline);
    } catch (error) {
      this.logger.error(`reminders for ${due.month} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    let emailsSent = 0;
    let emailsFailed = 0;
    if (this.mailer.enabled) {
      for (const reminder of added) {
        try {
          await this.mailer.send(this.mailOf(reminder, due.month, due.deadline));
          emailsSent++;
        } catch (error) {
          emailsFailed++;
          // the SMTP server's reply may quote the address: the notice names the recipient instead
          const code = (error as { code?: string; responseCode?: number }) ?? {};
          this.logger.warn(
            `reminder e-mail of notice ${reminder.id} (${reminder.reporting_unit_code}, ${due.month}) failed: ${code.code ?? 'error'}${code.responseCode ? ` ${code.responseCode}` : ''}`,
          );
        }
      }
    }
    this.logger.log(
      `reminders for ${due.month}: ${added.length} notice(s), ${emailsSent} e-mail(s) sent, ${emailsFailed} failed`,
    );
    return { month: due.month, notices: added.length, emailsSent, emailsFailed };
  }

  private mailOf(reminder: NewReminder, month: string, deadline: Date): Mail {
    const where = this.config.appUrl
      ? `Please submit it in the TIP database: ${this.config.appUrl}/submissions`
      : 'Please submit it in the TIP database.';
    return {
      to: reminder.email,
      subject: `TIP database: ${monthName(month)} report of ${reminder.reporting_unit_name} due by ${deadlineDate(deadline)}`,
      text: [
        submissionDueText(month, reminder.reporting_unit_name, deadline),
        '',
        where,
        '',
        'This is an automatic reminder from the TIP database of the National Police Bureau.',
      ].join('\n'),
    };
  }
}
