import { sql as pool, type Db } from "../../../db/client";

// Notices (issue #8; 001 §44, §60; 003 pt5-6): an inbox for every account, and email for those who gave an
// address. Other modules call `notify` inside their own transaction, so a notice exists exactly when the
// event it tells of does.

import type { NoticeEmailChoice, NoticeKind } from "./constants";

export * from "./constants";

/** Names and codes only (a title, a status, a decision): the words around them come from the reader's language. */
export type NoticeParams = Record<string, string | number>;

/**
 * Tells `recipients` (a SQL fragment selecting `user_id`, or a list of ids) of an event: one inbox notice
 * each, and an email queued for those who want each notice by email. Returns how many were told.
 */
export async function notify(
  input: { recipients: string[] | ReturnType<Db>; kind: NoticeKind; params: NoticeParams; link: string },
  db: Db,
): Promise<number> {
  const from = Array.isArray(input.recipients)
    ? db`select distinct u.id as user_id from users u where u.id = any(${input.recipients}::uuid[]) and u.status <> 'disabled'`
    : db`select distinct r.user_id from (${input.recipients}) r join users u on u.id = r.user_id where u.status <> 'disabled'`;
  const rows = await db<{ id: string; userId: string }[]>`
    insert into notices (user_id, kind, params, link)
    select f.user_id, ${input.kind}, ${db.json(input.params)}, ${input.link} from (${from}) f
    returning id, user_id`;
  if (!rows.length) return 0;
  // Those who want every notice by email at once: one email each, queued in the same transaction.
  await db`
    with queued as (
      update notices n set queued_at = now()
      from users u
      where n.id = any(${rows.map((r) => r.id)}::uuid[]) and u.id = n.user_id and u.email is not null and u.notice_email = 'each'
      returning n.id, n.user_id
    )
    insert into email_outbox (user_id, notice_ids) select user_id, array[id] from queued`;
  return rows.length;
}

export interface NoticeRow {
  id: string;
  kind: NoticeKind;
  params: NoticeParams;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

/** A person's latest notices, newest first (bounded). */
export async function listNotices(input: { userId: string; limit?: number }, db: Db = pool): Promise<NoticeRow[]> {
  return db<NoticeRow[]>`
    select id, kind, params, link, read_at, created_at from notices where user_id = ${input.userId}
    order by created_at desc limit ${Math.min(input.limit ?? 50, 200)}`;
}

export async function countUnread(userId: string, db: Db = pool): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*)::int as n from (select 1 from notices where user_id = ${userId} and read_at is null limit 100) x`;
  return row.n;
}

export async function markNoticesRead(userId: string, db: Db = pool): Promise<void> {
  await db`update notices set read_at = now() where user_id = ${userId} and read_at is null`;
}

/** Whether notices also come by email: never, each at once, or once a day. */
export async function setNoticeEmailChoice(input: { userId: string; choice: NoticeEmailChoice }, db: Db = pool): Promise<void> {
  await db`update users set notice_email = ${input.choice}, updated_at = now() where id = ${input.userId}`;
}

/** How a person gets notices by email, for their account page. */
export async function accountNoticePrefs(userId: string, db: Db = pool) {
  return db<{ noticeEmail: NoticeEmailChoice }[]>`select notice_email from users where id = ${userId}`;
}
