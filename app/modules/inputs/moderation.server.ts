import crypto from "node:crypto";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import { boardChanged } from "~/lib/board-events.server";
import type { Refusal } from "../auth/auth.server";
import type { ModerationReason } from "./schema";

// Issue #5, "Moderation and safety": people report, moderators decide in public, nothing is silently
// removed, and identical texts sent in bulk are kept but counted once (a possible campaign).

/** A person reports at most this many inputs an hour: enough for real use, not for flooding the queue. */
export const REPORTS_PER_HOUR = 30;
/** Shorter texts ("I agree") are common words, not a campaign. */
const CAMPAIGN_MIN_CHARS = 20;

/**
 * The hash of a text as a campaign would repeat it: case, accents' composed forms, punctuation and
 * spacing do not count. Null for a text too short to be a campaign.
 */
export function campaignHash(body: string): string | null {
  const normal = body
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (normal.length < CAMPAIGN_MIN_CHARS) return null;
  return crypto.createHash("sha256").update(normal).digest("hex").slice(0, 32);
}

/**
 * The first published comment of the consultation with the same text, which a new identical one is
 * grouped under (indexed by inputs_text_hash_idx).
 */
export async function findCampaignOriginal(input: { consultationId: string; textHash: string }, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ id: string }[]>`
    select id from inputs
    where consultation_id = ${input.consultationId} and text_hash = ${input.textHash} and duplicate_of is null and status = 'published'
    order by created_at limit 1`;
  return row?.id ?? null;
}

/** Records a report of an input of this consultation; reporting the same input again changes nothing. */
export async function reportInput(
  input: { consultationId: string; inputId: string; reporterId: string; reason: ModerationReason; note: string },
  db: Db = pool,
): Promise<{ ok: true } | Refusal> {
  const [target] = await db`select 1 from inputs where id = ${input.inputId} and consultation_id = ${input.consultationId}`;
  if (!target) return { ok: false, status: 404, error: "inputs:errors.unknownParent" };
  const [rate] = await db<{ n: number }[]>`
    select count(*)::int as n from input_reports where reporter_id = ${input.reporterId} and created_at > now() - interval '1 hour'`;
  if (rate.n >= REPORTS_PER_HOUR) return { ok: false, status: 429, error: "inputs:errors.tooFast" };
  await db`
    insert into input_reports (input_id, reporter_id, reason, note)
    values (${input.inputId}, ${input.reporterId}, ${input.reason}, ${input.note})
    on conflict (input_id, reporter_id) do nothing`;
  return { ok: true };
}

export interface ReportedInput {
  inputId: string;
  consultationSlug: string;
  consultationTitle: string;
  body: string;
  lang: string;
  status: "published" | "hidden" | "withdrawn";
  reports: number;
  reasons: string[];
  notes: string[];
  firstReportedAt: Date;
}

/** Inputs with open reports in the given organisations (null: all), oldest report first (bounded). */
export async function listOpenReports(input: { organisationIds: string[] | null; limit?: number }, db: Db = pool): Promise<ReportedInput[]> {
  if (input.organisationIds && input.organisationIds.length === 0) return [];
  return db<ReportedInput[]>`
    select i.id as input_id, c.slug as consultation_slug, c.title as consultation_title, i.body, i.lang, i.status,
      count(*)::int as reports, array_agg(distinct r.reason) as reasons,
      coalesce((array_agg(r.note order by r.created_at) filter (where r.note <> ''))[1:5], '{}') as notes,
      min(r.created_at) as first_reported_at
    from input_reports r
    join inputs i on i.id = r.input_id
    join consultations c on c.id = i.consultation_id
    join deployments d on d.id = c.deployment_id
    where r.resolved_at is null ${input.organisationIds ? db`and d.organisation_id in ${db(input.organisationIds)}` : db``}
    group by i.id, c.slug, c.title
    order by min(r.created_at)
    limit ${Math.min(input.limit ?? 50, 200)}`;
}

/** The organisation that owns an input's consultation (moderators act within their organisation). */
export async function organisationOfInput(inputId: string, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ organisationId: string }[]>`
    select d.organisation_id from inputs i join consultations c on c.id = i.consultation_id join deployments d on d.id = c.deployment_id
    where i.id = ${inputId}`;
  return row?.organisationId ?? null;
}

/**
 * Hides an input with a public reason, or keeps it; either way its open reports are resolved, and the
 * decision is in the audit trail. A hidden input stays in the database for the record.
 */
export async function moderateInput(
  input: { inputId: string; actorId: string } & ({ decision: "hide"; reason: ModerationReason; note: string } | { decision: "keep" } | { decision: "restore" }),
  db: Sql = pool,
): Promise<{ ok: true } | Refusal> {
  let consultationId = "";
  const result = (await db.begin(async (tx) => {
    const [row] = await tx<{ status: string; consultationId: string }[]>`select status, consultation_id from inputs where id = ${input.inputId} for update`;
    if (!row) return { ok: false, status: 404, error: "inputs:errors.unknownParent" } as const;
    if (row.status === "withdrawn") return { ok: false, status: 409, error: "inputs:moderation.errors.withdrawn" } as const;
    consultationId = row.consultationId;
    if (input.decision === "hide") {
      await tx`
        update inputs set status = 'hidden', hidden_reason = ${input.reason}, hidden_note = ${input.note}, hidden_at = now(), hidden_by = ${input.actorId}
        where id = ${input.inputId}`;
    } else if (input.decision === "restore") {
      await tx`
        update inputs set status = 'published', hidden_reason = null, hidden_note = '', hidden_at = null, hidden_by = null
        where id = ${input.inputId} and status = 'hidden'`;
    }
    await tx`
      update input_reports set resolved_at = now(), resolved_by = ${input.actorId}, resolution = ${input.decision === "hide" ? "hidden" : "kept"}
      where input_id = ${input.inputId} and resolved_at is null`;
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, ${`moderation_${input.decision}`}, 'input', ${input.inputId},
        ${tx.json(input.decision === "hide" ? { reason: input.reason } : {})})`;
    return { ok: true } as const;
  })) as { ok: true } | Refusal;
  // The live board shows the decision too (a hidden input's words leave the doc).
  if (result.ok && input.decision !== "keep") boardChanged({ consultationId, inputIds: [input.inputId] });
  return result;
}
