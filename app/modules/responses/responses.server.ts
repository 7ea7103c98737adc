import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { readCounts, type ConsultationCounts } from "../consultations/counts.server";
import { notify } from "../notices/notices.server";
import { listShownTranslations, type ShownTranslation } from "../translations/translations.server";
import type { ResponseDecision } from "./constants";
import type { ResponseFilter } from "./schema";

// "You said, we did" (issue #8; 000 §57(e); 001 §44, §65(l); 003 pt5): a public answer to every input,
// tied to the impacts it changed. Each write records who made it in the same transaction.

export interface ResponseConsultation {
  id: string;
  slug: string;
  title: string;
  lang: string;
  status: string;
  deploymentId: string;
  deploymentSlug: string;
  organisationId: string;
}

/** The consultation a response page is about, or a 404 Response. */
export async function getResponseConsultation(slug: string, db: Db = pool): Promise<ResponseConsultation> {
  const [row] = await db<ResponseConsultation[]>`
    select c.id, c.slug, c.title, c.lang, c.status, c.deployment_id, d.slug as deployment_slug, d.organisation_id
    from consultations c join deployments d on d.id = c.deployment_id where c.slug = ${slug}`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/** The organisation a consultation belongs to, for the permission check before anything else; null if none. */
export async function findConsultationOrganisation(slug: string, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ organisationId: string }[]>`
    select d.organisation_id from consultations c join deployments d on d.id = c.deployment_id where c.slug = ${slug}`;
  return row?.organisationId ?? null;
}

export interface Coverage {
  answered: number;
  total: number;
}

/** How many of the consultation's published inputs have an answer ("412 of 430 inputs answered"). */
export async function getCoverage(consultationId: string, db: Db = pool): Promise<Coverage> {
  return coverageOf(await readCounts(consultationId, db));
}

/** Every published input came in one way, so the inputs by method add up to all of them. */
export function coverageOf(counts: ConsultationCounts): Coverage {
  return { answered: counts.of("answered"), total: counts.all("method").reduce((sum, m) => sum + m.n, 0) };
}

/** Published inputs still without an answer: a consultation cannot be marked "responded" while any is left. */
export async function countUnanswered(consultationId: string, db: Db = pool): Promise<number> {
  const { answered, total } = await getCoverage(consultationId, db);
  return total - answered;
}

function refuse(status: number, error: string): Refusal {
  return { ok: false, status, error };
}

/**
 * Gives one answer to each of `inputIds` (an input, or a cluster answered together; each keeps its own row).
 * Refuses, writing nothing, an input of another consultation or not published, and an impact outside the
 * deployment's assessment. Answering again replaces the earlier answer; the audit trail keeps both.
 */
export async function respondToInputs(
  input: { consultation: ResponseConsultation; inputIds: string[]; decision: ResponseDecision; reason: string; impactIds: string[]; actorId: string | null },
  db: Sql = pool,
): Promise<{ ok: true; answered: number } | Refusal> {
  return (await db.begin(async (tx) => {
    const ids = [...new Set(input.inputIds)];
    const found = await tx<{ id: string }[]>`
      select id from inputs where id = any(${ids}::uuid[]) and consultation_id = ${input.consultation.id} and status = 'published'`;
    if (found.length !== ids.length) return refuse(400, "responses:errors.otherConsultation");
    const impactIds = [...new Set(input.impactIds)];
    if (impactIds.length) {
      const known = await tx<{ id: string }[]>`
        select m.id from impacts m join assessments a on a.id = m.assessment_id
        where a.deployment_id = ${input.consultation.deploymentId} and m.id = any(${impactIds}::uuid[])`;
      if (known.length !== impactIds.length) return refuse(400, "responses:errors.impactUnknown");
    }
    const batchId = crypto.randomUUID();
    const rows = await tx<{ id: string }[]>`
      insert into responses ${tx(
        ids.map((inputId) => ({
          input_id: inputId,
          consultation_id: input.consultation.id,
          decision: input.decision,
          reason: input.reason,
          lang: input.consultation.lang,
          batch_id: batchId,
          responded_by: input.actorId,
        })),
      )}
      on conflict (input_id) do update set decision = excluded.decision, reason = excluded.reason, batch_id = excluded.batch_id,
        responded_by = excluded.responded_by, revision = responses.revision + 1, updated_at = now()
      returning id`;
    const responseIds = rows.map((r) => r.id);
    await tx`delete from response_impacts where response_id = any(${responseIds}::uuid[])`;
    if (impactIds.length) {
      await tx`insert into response_impacts ${tx(responseIds.flatMap((response_id) => impactIds.map((impact_id) => ({ response_id, impact_id }))))}`;
    }
    // The authors are told, in their inbox and by email if they asked: the participant who wrote it, or
    // every member of the group whose joint submission it is part of.
    await notify(
      {
        recipients: tx`
          select p.user_id from inputs i join participations p on p.id = i.participation_id where i.id = any(${ids}::uuid[])
          union
          select p.user_id from inputs i join joint_submissions s on s.id = i.submission_id
            join group_members m on m.group_id = s.group_id join participations p on p.id = m.participation_id
          where i.id = any(${ids}::uuid[])`,
        kind: "response",
        params: { consultation: input.consultation.title, decision: input.decision },
        link: `/c/${input.consultation.slug}/responses#response-${ids[0]}`,
      },
      tx,
    );
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'respond_to_inputs', 'consultation', ${input.consultation.id},
        ${tx.json({ batchId, inputs: ids.length, decision: input.decision, impacts: impactIds.length })})`;
    return { ok: true, answered: ids.length } as const;
  })) as { ok: true; answered: number } | Refusal;
}

export interface StaffInputRow {
  id: string;
  excerpt: string;
  lang: string;
  kind: string;
  sectionRef: string | null;
  createdAt: Date;
  decision: ResponseDecision | null;
  cursor: string;
}

export const STAFF_PAGE = 50;

/** The consultation's published inputs, newest first, with their answer if any (keyset paging; `unanswered` keeps the rest). */
export async function listInputsToAnswer(
  input: { consultationId: string; unanswered: boolean; after?: string; limit?: number },
  db: Db = pool,
): Promise<{ items: Omit<StaffInputRow, "cursor">[]; next: string | null }> {
  const limit = Math.min(input.limit ?? STAFF_PAGE, 200);
  const after = input.after && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/.test(input.after) ? input.after.split("_") : null;
  const rows = await db<StaffInputRow[]>`
    select i.id, left(i.body, 300) as excerpt, i.lang, i.kind, i.section_ref, i.created_at, r.decision,
      to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || i.id as cursor
    from inputs i left join responses r on r.input_id = i.id
    where i.consultation_id = ${input.consultationId} and i.status = 'published'
      ${after ? db`and (i.created_at, i.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : db``}
      ${input.unanswered ? db`and r.id is null` : db``}
    order by i.created_at desc, i.id desc limit ${limit + 1}`;
  return { items: rows.slice(0, limit).map(({ cursor: _, ...r }) => r), next: rows.length > limit ? rows[limit - 1].cursor : null };
}

export interface InputToAnswer {
  id: string;
  body: string;
  lang: string;
  kind: string;
  sectionRef: string | null;
  proposedMitigation: string;
  createdAt: Date;
  response: { decision: ResponseDecision; reason: string; impactIds: string[]; respondedAt: Date } | null;
  /** Impacts the analysts linked this input to: the likely "what changed". */
  linkedImpactIds: string[];
}

/** One published input of the consultation with its answer (if any), or a 404 Response. */
export async function getInputToAnswer(input: { consultationId: string; inputId: string }, db: Db = pool): Promise<InputToAnswer> {
  if (!/^[0-9a-f-]{36}$/.test(input.inputId)) throw data(null, { status: 404 });
  const [row] = await db<(Omit<InputToAnswer, "response"> & { decision: ResponseDecision | null; reason: string | null; impactIds: string[]; respondedAt: Date | null })[]>`
    select i.id, i.body, i.lang, i.kind, i.section_ref, i.proposed_mitigation, i.created_at, r.decision, r.reason, r.responded_at,
      coalesce((select array_agg(ri.impact_id) from response_impacts ri where ri.response_id = r.id), '{}') as impact_ids,
      coalesce((select array_agg(distinct l.impact_id) from input_links l where l.input_id = i.id and l.impact_id is not null), '{}') as linked_impact_ids
    from inputs i left join responses r on r.input_id = i.id
    where i.id = ${input.inputId} and i.consultation_id = ${input.consultationId} and i.status = 'published'`;
  if (!row) throw data(null, { status: 404 });
  const { decision, reason, impactIds, respondedAt, ...rest } = row;
  return { ...rest, response: decision ? { decision, reason: reason!, impactIds, respondedAt: respondedAt! } : null };
}

/**
 * The next published input without an answer after this one in queue order (newest first), starting again
 * from the newest when none is older; null when none is left.
 */
export async function findNextUnanswered(input: { consultationId: string; createdAt: Date; id: string }, db: Db = pool): Promise<string | null> {
  const next = (older: boolean) => db<{ id: string }[]>`
    select i.id from inputs i left join responses r on r.input_id = i.id
    where i.consultation_id = ${input.consultationId} and i.status = 'published' and r.id is null and i.id <> ${input.id}
      ${older ? db`and (i.created_at, i.id) < (${input.createdAt}, ${input.id}::uuid)` : db``}
    order by i.created_at desc, i.id desc limit 1`;
  const [row] = await next(true);
  if (row) return row.id;
  const [first] = await next(false);
  return first?.id ?? null;
}

export interface PublicResponse {
  inputId: string;
  /** The answer's own id: its translations are stored under it (issue #9). */
  responseId: string;
  summary: string;
  inputLang: string;
  sectionRef: string | null;
  decision: ResponseDecision;
  reason: string;
  lang: string;
  respondedAt: Date;
  impacts: { id: string; number: number; title: string }[];
  /** Others answered in the same batch. */
  together: number;
  /** Contested by its author: when, and the outcome once the lead has answered (the contest's words stay private). */
  contestedAt: Date | null;
  contestOutcome: "upheld" | "changed" | null;
  contestOutcomeReason: string | null;
  cursor: string;
}

export const PUBLIC_PAGE = 50;

/**
 * One page of a consultation's public answers, newest first, with the impacts each changed. Nothing about
 * an author: the input's words and language only (its author chose to publish those on the board).
 */
export async function listPublicResponses(
  input: { consultationId: string; filter: ResponseFilter; limit?: number },
  db: Db = pool,
): Promise<{ items: Omit<PublicResponse, "cursor">[]; next: string | null }> {
  const f = input.filter;
  const limit = Math.min(input.limit ?? PUBLIC_PAGE, 500);
  const after = f.after ? f.after.split("_") : null;
  const rows = await db<PublicResponse[]>`
    select r.input_id, r.id as response_id, left(i.body, 280) as summary, i.lang as input_lang, i.section_ref, r.decision, r.reason, r.lang, r.responded_at,
      coalesce((select json_agg(json_build_object('id', m.id, 'number', m.number, 'title', m.title) order by m.number)
                from response_impacts ri join impacts m on m.id = ri.impact_id where ri.response_id = r.id), '[]'::json) as impacts,
      (select count(*)::int - 1 from responses b where b.batch_id = r.batch_id) as together,
      k.created_at as contested_at, k.outcome as contest_outcome, k.outcome_reason as contest_outcome_reason,
      to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || r.id as cursor
    from responses r join inputs i on i.id = r.input_id left join contests k on k.response_id = r.id
    where r.consultation_id = ${input.consultationId} and i.status = 'published'
      ${after ? db`and (r.responded_at, r.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : db``}
      ${f.decision ? db`and r.decision = ${f.decision}` : db``}
      ${f.question ? db`and i.section_ref = ${f.question}` : db``}
      ${f.concern ? db`and ${f.concern} = any(i.concerns)` : db``}
      ${f.lang ? db`and i.lang = ${f.lang}` : db``}
    order by r.responded_at desc, r.id desc limit ${limit + 1}`;
  return { items: rows.slice(0, limit).map(({ cursor: _, ...r }) => r), next: rows.length > limit ? rows[limit - 1].cursor : null };
}

/** DESIGN.md contract: one row of `/c/<slug>/responses.json` (no author data). */
export function responseJson(r: Omit<PublicResponse, "cursor">) {
  return {
    inputId: r.inputId,
    summary: r.summary,
    decision: r.decision,
    reason: r.reason,
    impactIds: r.impacts.map((m) => m.id),
    respondedAt: r.respondedAt instanceof Date ? r.respondedAt.toISOString() : r.respondedAt,
    lang: r.lang,
    inputLang: r.inputLang,
    contest: r.contestedAt
      ? { contestedAt: r.contestedAt instanceof Date ? r.contestedAt.toISOString() : r.contestedAt, outcome: r.contestOutcome, outcomeReason: r.contestOutcomeReason }
      : null,
  };
}

export interface AnswerTranslations {
  /** The answer's reason in other languages, each marked with how far to trust it. */
  reasonTranslations: ShownTranslation[];
  /** The input's words in other languages, cut as short as the row's own excerpt. */
  inputTranslations: ShownTranslation[];
}

/**
 * The shown translations of answers and of the inputs they answer (issue #9), for the open data files
 * (responses.json, report.json): two queries, bounded by the rows given.
 */
export async function answerTranslations(
  rows: { inputId: string; responseId: string }[],
  excerptChars: number,
  db: Db = pool,
): Promise<(row: { inputId: string; responseId: string }) => AnswerTranslations> {
  const [reasons, inputs] = await Promise.all([
    listShownTranslations({ entity: "response", ids: rows.map((r) => r.responseId) }, db),
    listShownTranslations({ entity: "input", ids: rows.map((r) => r.inputId), maxChars: excerptChars }, db),
  ]);
  return (row) => ({ reasonTranslations: reasons.get(row.responseId) ?? [], inputTranslations: inputs.get(row.inputId) ?? [] });
}
