import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { RemindersService } from 'src/reminders/reminders.service';
import { UsersService } from 'src/users/users.service';
import { Agent, agentOf, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

interface Received {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

/** A message as sent: headers unfolded, the body's quoted-printable soft breaks and escapes undone. */
function parse(raw: string, from: string, to: string[]): Received {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  let body = rest.join('\r\n\r\n');
  if (/^Content-Transfer-Encoding: quoted-printable$/im.test(headers))
    body = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { from, to, subject, body };
}

/** The deadline as the rule states it: day 10 of the next month, end of day in Pakistan. */
const deadlineOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return new Date(`${next}-10T23:59:59.999+05:00`);
};
const DAY = 24 * 3600_000;

/** Reminders of a month not yet submitted: notices in the application and e-mails over SMTP. */
describe('submission reminders', () => {
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  /** Recipients the SMTP server refuses (an address it does not know). */
  const refused = new Set<string>();
  let t: TestApp;
  let reminders: RemindersService;
  let punjab: Agent[];
  let sindh: Agent;
  let fia: Agent;
  let disabledFia: string;
  let analyst: Agent;
  let firNumber: string;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(refused.has(address.address) ? new Error('550 no such user') : undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const envelope = session.envelope;
          inbox.push(
            parse(
              Buffer.concat(chunks).toString('utf8'),
              envelope.mailFrom ? envelope.mailFrom.address : '',
              envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'tip@npb.test.example',
      APP_URL: 'https://tip.npb.test.example/',
      LOGIN_IP_LIMIT_PER_MINUTE: '1000',
    });
    reminders = t.app.get(RemindersService);
    // the Punjab Police: two focal persons and no submission; Sindh: submitted; the FIA: returned, one focal person disabled
    punjab = [await signIn(t, 'focal_person', 'PK-PB'), await signIn(t, 'focal_person', 'PK-PB')];
    sindh = await signIn(t, 'focal_person', 'PK-SD');
    const users = t.app.get(UsersService);
    const fiaUser = await users.create(
      { email: 'fia-focal@test.example', password: TEST_PASSWORD, role: 'focal_person', reportingUnit: 'FIA' },
      null,
    );
    fia = agentOf(t.http, { id: fiaUser.id, email: fiaUser.email, token: await t.login(fiaUser.email) });
    const gone = await users.create(
      { email: 'fia-gone@test.example', password: TEST_PASSWORD, role: 'focal_person', reportingUnit: 'FIA' },
      null,
    );
    disabledFia = gone.id;
    await t.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [disabledFia]);
    // Khyber Pakhtunkhwa's police unit has a focal person but is no longer active
    await signIn(t, 'focal_person', 'PK-KP');
    await t.dataSource.query(`UPDATE reporting_units SET active = false WHERE code = 'POLICE-PK-KP'`);
    analyst = await signIn(t, 'analyst');
    // a Punjab case of the month: its FIR number must appear in no e-mail
    firNumber = `FIR${Math.floor(Math.random() * 1e9)}`;
    const created = await punjab[0].post(
      '/api/v1/cases',
      caseBody({ firNumber, firYear: 2026, firDate: '2026-10-05' }),
    );
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const submission = (unit: string, month: string, status: string) =>
    t.dataSource.query(
      `INSERT INTO submissions (reporting_unit_code, month, status, first_submitted_at, submitted_at)
       VALUES ($1, $2, $3, now(), now())`,
      [unit, `${month}-01`, status],
    );

  it('reminds each active focal person of a unit whose month is missing or returned, once, by notice and e-mail', async () => {
    const month = '2026-10';
    await submission('POLICE-PK-SD', month, 'submitted');
    await submission('FIA', month, 'returned');
    const deadline = deadlineOf(month);

    // five days before the deadline is too early
    expect(await reminders.sendDue(new Date(deadline.getTime() - 5 * DAY))).toMatchObject({ month: null, notices: 0 });
    expect(inbox).toHaveLength(0);

    const run = await reminders.sendDue(new Date(deadline.getTime() - 2 * DAY));
    const expected = [...punjab.map((p) => p.email), fia.email].sort();
    expect(run).toEqual({ month, notices: 3, emailsSent: 3, emailsFailed: 0 });
    expect(inbox.map((m) => m.to).sort()).toEqual(expected.map((e) => [e]));
    const names: Array<{ code: string; name: string }> = await t.dataSource.query(
      `SELECT code, name FROM reporting_units WHERE code IN ('POLICE-PK-PB', 'FIA')`,
    );
    const nameOf = (code: string) => names.find((u) => u.code === code)!.name;
    for (const mail of inbox) {
      expect(mail.from).toBe('tip@npb.test.example');
      const unitName = nameOf(mail.to[0] === fia.email ? 'FIA' : 'POLICE-PK-PB');
      expect(mail.subject).toBe(`TIP database: October 2026 report of ${unitName} due by 10 November 2026`);
      expect(mail.body).toContain(`The monthly report of ${unitName} for October 2026 is due by 10 November 2026`);
      expect(mail.body).toContain('https://tip.npb.test.example/submissions');
      expect(mail.body).not.toContain(firNumber);
      // no figure: the only digits are the month's year, the deadline's day and year
      expect(
        mail.body
          .replace(/https:\S+/, '')
          .match(/\d+/g)
          ?.sort(),
      ).toEqual(['10', '2026', '2026']);
    }

    // in the database: one notice per person reminded, none for Sindh, the disabled person, the inactive unit's or the analyst
    const notices: Array<{ user_id: string }> = await t.dataSource.query(
      `SELECT user_id FROM notices WHERE kind = 'submission_due' AND month = '2026-10-01' ORDER BY user_id`,
    );
    expect(notices.map((n) => n.user_id)).toEqual([...punjab.map((p) => p.id), fia.id].sort());

    // the next day's run (and a run at the deadline's last moment) adds nothing and sends nothing
    expect(await reminders.sendDue(new Date(deadline.getTime() - DAY))).toEqual({
      month,
      notices: 0,
      emailsSent: 0,
      emailsFailed: 0,
    });
    expect(await reminders.sendDue(deadline)).toMatchObject({ month, notices: 0 });
    expect(inbox).toHaveLength(3);
  });

  it('shows each user their own notices only, and marks one read', async () => {
    const own = await punjab[1].get('/api/v1/notices');
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    const [notice] = own.body;
    expect(notice).toMatchObject({
      kind: 'submission_due',
      month: '2026-10',
      reportingUnit: 'POLICE-PK-PB',
      dueAt: deadlineOf('2026-10').toISOString(),
      readAt: null,
    });
    expect(notice.message).toContain('October 2026');
    expect(notice.message).toContain('10 November 2026');
    for (const other of [sindh, analyst]) expect((await other.get('/api/v1/notices')).body).toEqual([]);
    const othersNotice = (await punjab[0].get('/api/v1/notices')).body[0];
    expect(othersNotice.id).not.toBe(notice.id);

    // another user cannot mark it read, nor learn that it exists
    expectProblem(await punjab[0].post(`/api/v1/notices/${notice.id}/read`), 404, 'NOTICE.NOT_FOUND');
    expectProblem(await sindh.post(`/api/v1/notices/${notice.id}/read`), 404, 'NOTICE.NOT_FOUND');
    expect((await punjab[1].get('/api/v1/notices')).body[0].readAt).toBeNull();

    const read = await punjab[1].post(`/api/v1/notices/${notice.id}/read`);
    expect(read.status).toBe(200);
    expect(Date.parse(read.body.readAt)).toBeGreaterThan(Date.now() - 60_000);
    // marking again keeps the first reading's time
    const again = await punjab[1].post(`/api/v1/notices/${notice.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await punjab[1].get('/api/v1/notices')).body).toEqual([read.body]);
  });

  it('lists unread notices first, then newest first', async () => {
    const month = '2026-08';
    await reminders.sendDue(new Date(deadlineOf(month).getTime() - DAY));
    const list = (await punjab[1].get('/api/v1/notices')).body as Array<{ month: string; readAt: string | null }>;
    // August's notice is unread (first) though October's was made earlier; October's was read
    expect(list.map((n) => [n.month, n.readAt === null])).toEqual([
      ['2026-08', true],
      ['2026-10', false],
    ]);
  });

  it('goes on with the others when one e-mail is refused, keeping every notice', async () => {
    const month = '2026-06';
    refused.add(punjab[0].email);
    const before = inbox.length;
    const run = await reminders.sendDue(new Date(deadlineOf(month).getTime() - 2 * DAY));
    refused.clear();
    // June: no unit has submitted, so Sindh's focal person is reminded too
    expect(run).toEqual({ month, notices: 4, emailsSent: 3, emailsFailed: 1 });
    expect(
      inbox
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([punjab[1].email, sindh.email, fia.email].sort());
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notices WHERE month = '2026-06-01'`);
    expect(n).toBe(4);
  });
});
