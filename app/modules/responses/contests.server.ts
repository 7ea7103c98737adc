import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { notify } from "../notices/notices.server";
import type { ResponseDecision } from "./constants";
import type { ResponseConsultation } from "./responses.server";

// Contesting an answer (issue #8; 001 §44, §60; 003 pt6): once per answer, by the input's author or a member
// of the group whose joint submission it is; the lead answers within a deadline, in public.

/** Days a lead has to answer a contest: set per organisation (organisations.contest_days, on /admin/grievances/settings). */
export async function contestDays(organisationId: string, db: Db = pool): Promise<number> {
  const [row] = await db<{ contestDays: number }[]>`select contest_days from organisations where id = ${organisationId}`;
  return row?.contestDays ?? 30;
}

/** Inputs among `inputIds` that `userId` may speak for: written by them, or their group's joint submission. */
export async function listOwnInputIds(input: { userId: string; inputIds: string[] }, db: Db = pool): Promise<string[]> {
  if (!input.inputIds.length) return [];
  const rows = await db<{ id: string }[]>`
    select i.id from inputs i join participations p on p.id = i.participation_id
    where i.id = any(${input.inputIds}::uuid[]) and p.user_id = ${input.userId}
    union
    select i.id from inputs i join joint_submissions s on s.id = i.submission_id
      join group_members m on m.group_id = s.group_id join participations p on p.id = m.participation_id
    where i.id = any(${input.inputIds}::uuid[]) and p.user_id = ${input.userId}`;
  return rows.map((r) => r.id);
}

export interface Contestable {
  inputId: string;
  excerpt: string;
  lang: string;
  decision: ResponseDecision;
  reason: string;
  responseId: string;
  contested: boolean;
}

/** The answer `userId` may contest on input `inputId`, or a 404 Response (no answer, or not theirs). */
export async function getContestable(input: { consultationId: string; inputId: string; userId: string }, db: Db = pool): Promise<Contestable> {
  if (!/^[0-9a-f-]{36}$/.test(input.inputId)) throw data(null, { status: 404 });
  const own = await listOwnInputIds({ userId: input.userId, inputIds: [input.inputId] }, db);
  if (!own.length) throw data(null, { status: 404 });
  const [row] = await db<Contestable[]>`
    select i.id as input_id, left(i.body, 400) as excerpt, i.lang, r.decision, r.reason, r.id as response_id,
      exists (select 1 from contests c where c.response_id = r.id) as contested
    from inputs i join responses r on r.input_id = i.id
    where i.id = ${input.inputId} and i.consultation_id = ${input.consultationId} and i.status = 'published'`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/** Contests an answer once; a second contest of the same answer is refused (409) and nothing is written. */
export async function contestResponse(
  input: { consultation: ResponseConsultation; inputId: string; userId: string; reason: string },
  db: Sql = pool,
): Promise<{ ok: true; deadline: string } | Refusal> {
  return (await db.begin(async (tx) => {
    const target = await getContestable({ consultationId: input.consultation.id, inputId: input.inputId, userId: input.userId }, tx);
    const [row] = await tx<{ id: string; deadline: string }[]>`
      insert into contests (response_id, consultation_id, contested_by, reason, deadline)
      values (${target.responseId}, ${input.consultation.id}, ${input.userId}, ${input.reason}, current_date + (select contest_days from organisations where id = ${input.consultation.organisationId}))
      on conflict (response_id) do nothing
      returning id, to_char(deadline, 'YYYY-MM-DD') as deadline`;
    if (!row) return { ok: false, status: 409, error: "responses:errors.alreadyContested" } as const;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.userId}, 'contest_response', 'contest', ${row.id})`;
    return { ok: true, deadline: row.deadline } as const;
  })) as { ok: true; deadline: string } | Refusal;
}

export interface ContestRow {
  id: string;
  inputId: string;
  excerpt: string;
  lang: string;
  decision: ResponseDecision;
  responseReason: string;
  reason: string;
  deadline: string;
  overdue: boolean;
  status: "open" | "answered";
  outcome: "upheld" | "changed" | null;
  outcomeReason: string | null;
  createdAt: Date;
}

/** The contests of a consultation for its lead: open ones first, by deadline (bounded). */
export async function listContests(input: { consultationId: string; limit?: number }, db: Db = pool): Promise<ContestRow[]> {
  return db<ContestRow[]>`
    select c.id, i.id as input_id, left(i.body, 300) as excerpt, i.lang, r.decision, r.reason as response_reason, c.reason,
      to_char(c.deadline, 'YYYY-MM-DD') as deadline, (c.status = 'open' and c.deadline < current_date) as overdue,
      c.status, c.outcome, c.outcome_reason, c.created_at
    from contests c join responses r on r.id = c.response_id join inputs i on i.id = r.input_id
    where c.consultation_id = ${input.consultationId}
    order by c.status = 'open' desc, c.deadline, c.created_at limit ${Math.min(input.limit ?? 100, 500)}`;
}

/**
 * Answers a contest: the answer stands (upheld) or changes (a new decision and reason replace the old
 * ones). Either way the outcome and its reason are public and the person who contested is told.
 */
export async function answerContest(
  input: {
    consultation: ResponseConsultation;
    contestId: string;
    outcome: "upheld" | "changed";
    reason: string;
    decision?: ResponseDecision;
    actorId: string;
  },
  db: Sql = pool,
): Promise<{ ok: true } | Refusal> {
  return (await db.begin(async (tx) => {
    const [c] = await tx<{ responseId: string; status: string; contestedBy: string | null; inputId: string }[]>`
      select c.response_id, c.status, c.contested_by, r.input_id
      from contests c join responses r on r.id = c.response_id
      where c.id = ${input.contestId} and c.consultation_id = ${input.consultation.id} for update of c`;
    if (!c) return { ok: false, status: 404, error: "responses:errors.notFound" } as const;
    if (c.status !== "open") return { ok: false, status: 409, error: "responses:errors.contestAnswered" } as const;
    if (input.outcome === "changed") {
      if (!input.decision) return { ok: false, status: 400, error: "responses:errors.decision" } as const;
      await tx`
        update responses set decision = ${input.decision}, reason = ${input.reason}, revision = revision + 1, responded_by = ${input.actorId}, updated_at = now()
        where id = ${c.responseId}`;
    }
    await tx`
      update contests set status = 'answered', outcome = ${input.outcome}, outcome_reason = ${input.reason}, answered_by = ${input.actorId}, answered_at = now()
      where id = ${input.contestId}`;
    if (c.contestedBy) {
      await notify(
        {
          recipients: [c.contestedBy],
          kind: "contest_answered",
          params: { consultation: input.consultation.title, outcome: input.outcome },
          link: `/c/${input.consultation.slug}/responses#response-${c.inputId}`,
        },
        tx,
      );
    }
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'answer_contest', 'contest', ${input.contestId}, ${tx.json({ outcome: input.outcome })})`;
    return { ok: true } as const;
  })) as { ok: true } | Refusal;
}
