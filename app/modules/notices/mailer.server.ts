import nodemailer from "nodemailer";
import { sql as pool, type Db } from "../../../db/client";
import { tFor } from "~/i18n.server";
import { isSupportedLng } from "~/i18n";
import type { NoticeKind, NoticeParams } from "./notices.server";
import { noticeText } from "./render";
import { grievanceEmailFor } from "../grievances/grievances.server";
import { grievanceEmailText } from "../grievances/render";

// Email for notices (issue #8), through any SMTP server the organisation runs (SMTP_URL), never a third
// party unless it chooses one. Sending reads a queue (email_outbox): a server that is down only delays
// the email, which is tried again later with a growing wait; nothing is lost, nothing is sent twice.

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** A mailer for `url` (smtp://user:pass@host:port, smtps://…), sending as `from`. */
export function createMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/** Minutes to wait before the next try: 1, 2, 4 … up to 6 hours. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(360, 2 ** Math.max(0, attempts - 1));
}

/** The error's code (ECONNREFUSED, EAUTH, a reply code): never the message, which can quote an address. */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  return String(e?.responseCode ?? e?.code ?? "error").slice(0, 40);
}

/**
 * Queues the daily digests: for people who chose "once a day", every notice from before today not yet
 * emailed goes into one email. Runs often; each notice is queued once.
 */
export async function queueDigests(db: Db = pool): Promise<number> {
  const rows = await db<{ n: number }[]>`
    with due as (
      update notices n set queued_at = now() from users u
      where u.id = n.user_id and n.queued_at is null and u.notice_email = 'daily' and u.email is not null
        and n.created_at < date_trunc('day', now())
      returning n.id, n.user_id, n.created_at
    ), emails as (
      insert into email_outbox (user_id, notice_ids)
      select user_id, (array_agg(id order by created_at desc))[1:500] from due group by user_id
      returning 1
    )
    select count(*)::int as n from emails`;
  return rows[0].n;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dropped: number;
}

/**
 * Sends the emails that are due, at most `limit`. Each is first leased for 10 minutes (so two processes
 * never send the same one), then sent outside any transaction; a failure sets the next try.
 */
export async function deliverDue(input: { mailer: Mailer; siteUrl: string; limit?: number }, db: Db = pool): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dropped: 0 };
  const claimed = await db<{ id: string; userId: string | null; noticeIds: string[] | null; grievanceEventId: string | null; attempts: number }[]>`
    update email_outbox set next_attempt_at = now() + interval '10 minutes', attempts = attempts + 1
    where id in (
      select id from email_outbox where sent_at is null and next_attempt_at <= now()
      order by next_attempt_at limit ${input.limit ?? 20} for update skip locked)
    returning id, user_id, notice_ids, grievance_event_id, attempts`;
  const attempt = async (jobId: string, attempts: number, message: { to: string; subject: string; text: string }) => {
    try {
      await input.mailer.send({ ...message, subject: message.subject.slice(0, 200) });
      await db`update email_outbox set sent_at = now(), last_error = null where id = ${jobId}`;
      report.sent++;
    } catch (err) {
      await db`
        update email_outbox set last_error = ${errorCode(err)}, next_attempt_at = now() + make_interval(mins => ${retryDelayMinutes(attempts)})
        where id = ${jobId}`;
      report.failed++;
    }
  };
  for (const job of claimed) {
    if (job.grievanceEventId) {
      // A grievance's follow-up, to the address given with it (the person may have no account).
      const email = await grievanceEmailFor(job.grievanceEventId, db);
      if (!email) {
        await db`update email_outbox set sent_at = now(), last_error = 'no_address' where id = ${job.id}`;
        report.dropped++;
        continue;
      }
      const lng = isSupportedLng(email.lang) ? email.lang : "en";
      await attempt(job.id, job.attempts, { to: email.to, ...grievanceEmailText(tFor(lng, ["grievances"]), email, input.siteUrl) });
      continue;
    }
    const [user] = await db<{ email: string | null; preferredLang: string | null; noticeEmail: string }[]>`
      select email, preferred_lang, notice_email from users where id = ${job.userId}`;
    if (!user?.email || user.noticeEmail === "none") {
      // The person removed their address or stopped emails meanwhile: the notices stay in the inbox.
      await db`update email_outbox set sent_at = now(), last_error = 'no_address' where id = ${job.id}`;
      report.dropped++;
      continue;
    }
    const notices = await db<{ kind: NoticeKind; params: NoticeParams; link: string }[]>`
      select kind, params, link from notices where id = any(${job.noticeIds ?? []}::uuid[]) order by created_at desc limit 500`;
    const lng = user.preferredLang && isSupportedLng(user.preferredLang) ? user.preferredLang : "en";
    const t = tFor(lng, ["responses", "consultations", "grievances"]);
    const lines = notices.map((n) => `- ${noticeText(t, n)}\n  ${input.siteUrl}${n.link}`);
    const subject = notices.length === 1 ? noticeText(t, notices[0]) : t("responses:notice.digestSubject", { count: notices.length });
    const text = [t("responses:notice.intro"), "", ...lines, "", t("responses:notice.footer", { url: `${input.siteUrl}/account` })].join("\n");
    await attempt(job.id, job.attempts, { to: user.email, subject, text });
  }
  return report;
}
