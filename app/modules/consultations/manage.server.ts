import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { zonedToUtc } from "~/lib/time-zone";
import type { ConsultationSettings, ConsultationStatus, TargetGroupSchema } from "./schema";
import { AGGREGATE_MIN, statusMoves } from "./schema";
import type { z } from "zod";
import { countUnanswered } from "../responses/responses.server";
import { languagesNotReady } from "../translations/workflow.server";
import { notify } from "../notices/notices.server";

// Staff side of a consultation (issue #5): create it as a draft, set it up, move it through its
// lifecycle. Every write is scoped by id and recorded in the audit trail.

export interface ConsultationForEditing {
  id: string;
  slug: string;
  title: string;
  summary: string;
  lang: string;
  status: ConsultationStatus;
  lifecycleStage: string;
  opensAt: Date | null;
  closesAt: Date | null;
  timeZone: string;
  languages: string[];
  defaultAttribution: "named" | "pseudonymous" | "chatham_house";
  moderationPolicy: string;
  statusChangedAt: Date | null;
  allowUnreviewedLanguages: boolean;
  deploymentId: string;
  deploymentSlug: string;
  deploymentName: string;
  organisationId: string;
}

export interface TargetGroup {
  id: string;
  name: string;
  outreachNotes: string;
}

/** A consultation in any status, for its staff pages, or a 404 Response. */
export async function getConsultationForEditing(slug: string, db: Db = pool): Promise<ConsultationForEditing> {
  const [row] = await db<ConsultationForEditing[]>`
    select c.id, c.slug, c.title, c.summary, c.lang, c.status, c.lifecycle_stage, c.opens_at, c.closes_at, c.time_zone,
      c.languages, c.default_attribution, c.moderation_policy, c.status_changed_at, c.allow_unreviewed_languages,
      d.id as deployment_id, d.slug as deployment_slug, d.name as deployment_name, d.organisation_id
    from consultations c join deployments d on d.id = c.deployment_id
    where c.slug = ${slug}`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/** Creates a draft consultation of a deployment. Refuses a slug in use (409). */
export async function createConsultation(
  input: { deploymentId: string; slug: string; title: string; summary: string; lang: string; lifecycleStage: string; actorId: string },
  db: Sql = pool,
): Promise<{ ok: true; id: string } | Refusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, lang, languages)
      values (${input.slug}, ${input.deploymentId}, ${input.lifecycleStage}, ${input.title}, ${input.summary}, ${input.lang}, ${[input.lang]})
      on conflict (slug) do nothing
      returning id`;
    if (!row) return { ok: false, status: 409, error: "dossier:errors.slugTaken" } as const;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.actorId}, 'create_consultation', 'consultation', ${row.id})`;
    return { ok: true, id: row.id } as const;
  })) as { ok: true; id: string } | Refusal;
}

/**
 * Saves the settings; the typed wall-clock times are read in the consultation's time zone. An open
 * consultation cannot take on a language whose briefing no person has translated, unless its setting
 * allows machine drafts (issue #9; 000 §15; 001 §31): 409, with the languages named.
 */
export async function updateConsultationSettings(
  input: { id: string; settings: ConsultationSettings; actorId: string },
  db: Sql = pool,
): Promise<{ ok: true } | (Refusal & { languages?: string[] })> {
  const s = input.settings;
  const opensAt = s.opensAt ? zonedToUtc(s.opensAt, s.timeZone) : null;
  const closesAt = s.closesAt ? zonedToUtc(s.closesAt, s.timeZone) : null;
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ status: ConsultationStatus }[]>`select status from consultations where id = ${input.id} for update`;
    if (row?.status === "open" && !s.allowUnreviewedLanguages) {
      const languages = await languagesNotReady({ consultationId: input.id, languages: s.languages }, tx);
      if (languages.length) return { ok: false, status: 409, error: "admin:consultations.errors.languagesNotReady", languages } as const;
    }
    await tx`
      update consultations set title = ${s.title}, summary = ${s.summary}, lang = ${s.lang}, lifecycle_stage = ${s.lifecycleStage},
        time_zone = ${s.timeZone}, opens_at = ${opensAt}, closes_at = ${closesAt}, languages = ${s.languages},
        default_attribution = ${s.defaultAttribution}, moderation_policy = ${s.moderationPolicy},
        allow_unreviewed_languages = ${s.allowUnreviewedLanguages}, updated_at = now()
      where id = ${input.id}`;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.actorId}, 'update_consultation', 'consultation', ${input.id})`;
    return { ok: true } as const;
  })) as { ok: true } | (Refusal & { languages?: string[] });
}

/**
 * Moves a consultation along its lifecycle (statusMoves). Refuses any other move (409), and opening a
 * consultation with no question and no briefing section (400): people would have nothing to answer.
 * The row is locked, so two staff pressing at once cannot skip a step.
 */
export async function setConsultationStatus(
  input: { id: string; to: ConsultationStatus; actorId: string },
  db: Sql = pool,
): Promise<{ ok: true } | (Refusal & { languages?: string[] })> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ status: ConsultationStatus }[]>`select status from consultations where id = ${input.id} for update`;
    if (!row) return { ok: false, status: 404, error: "admin:consultations.errors.notFound" } as const;
    if (!statusMoves[row.status].includes(input.to)) return { ok: false, status: 409, error: "admin:consultations.errors.move" } as const;
    if (input.to === "open") {
      const [ready] = await tx<{ n: number }[]>`
        select (select count(*) from questions where consultation_id = ${input.id})
          + (select count(*) from briefing_sections where consultation_id = ${input.id}) as n`;
      if (Number(ready.n) === 0) return { ok: false, status: 400, error: "admin:consultations.errors.empty" } as const;
      // Only in languages a person translated the briefing into, unless machine drafts are allowed (issue #9).
      const [c] = await tx<{ languages: string[]; allowUnreviewedLanguages: boolean }[]>`
        select languages, allow_unreviewed_languages from consultations where id = ${input.id}`;
      if (!c.allowUnreviewedLanguages) {
        const languages = await languagesNotReady({ consultationId: input.id, languages: c.languages }, tx);
        if (languages.length) return { ok: false, status: 409, error: "admin:consultations.errors.languagesNotReady", languages } as const;
      }
    }
    // "Responded" means what it says: every published input has its public answer (issue #8).
    if (input.to === "responded" && (await countUnanswered(input.id, tx)) > 0) {
      return { ok: false, status: 409, error: "admin:consultations.errors.unanswered" } as const;
    }
    const [c] = await tx<{ slug: string; title: string }[]>`
      update consultations set status = ${input.to}, status_changed_at = now(), updated_at = now() where id = ${input.id} returning slug, title`;
    // Everyone who joined hears of it (opening, closing, analysis, answers published).
    await notify(
      { recipients: tx`select user_id from participations where consultation_id = ${input.id}`, kind: "consultation_status", params: { consultation: c.title, status: input.to }, link: `/c/${c.slug}` },
      tx,
    );
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'consultation_status', 'consultation', ${input.id}, ${tx.json({ from: row.status, to: input.to })})`;
    return { ok: true } as const;
  })) as { ok: true } | (Refusal & { languages?: string[] });
}

/** Consultations of the given organisations (null: all) for the staff list, newest first (bounded). */
export async function listConsultationsForStaff(
  input: { organisationIds: string[] | null; limit?: number },
  db: Db = pool,
): Promise<{ slug: string; title: string; status: ConsultationStatus; deploymentName: string; opensAt: Date | null; closesAt: Date | null; timeZone: string }[]> {
  if (input.organisationIds && input.organisationIds.length === 0) return [];
  return db`
    select c.slug, c.title, c.status, d.name as deployment_name, c.opens_at, c.closes_at, c.time_zone
    from consultations c join deployments d on d.id = c.deployment_id
    ${input.organisationIds ? db`where d.organisation_id in ${db(input.organisationIds)}` : db``}
    order by c.updated_at desc limit ${Math.min(input.limit ?? 100, 500)}`;
}

// Target groups: who the consultation means to reach and how (000 §23, §56).

export async function listTargetGroups(input: { consultationId: string }, db: Db = pool): Promise<TargetGroup[]> {
  return db<TargetGroup[]>`
    select id, name, outreach_notes from target_groups where consultation_id = ${input.consultationId} order by position, created_at limit 50`;
}

export async function addTargetGroup(input: { consultationId: string } & z.infer<typeof TargetGroupSchema>, db: Db = pool): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    insert into target_groups (consultation_id, position, name, outreach_notes)
    values (${input.consultationId}, (select coalesce(max(position) + 1, 0) from target_groups where consultation_id = ${input.consultationId}),
      ${input.name}, ${input.outreachNotes})
    returning id`;
  return row.id;
}

export async function updateTargetGroup(input: { consultationId: string; id: string } & z.infer<typeof TargetGroupSchema>, db: Db = pool): Promise<void> {
  await db`update target_groups set name = ${input.name}, outreach_notes = ${input.outreachNotes} where id = ${input.id} and consultation_id = ${input.consultationId}`;
}

export async function deleteTargetGroup(input: { consultationId: string; id: string }, db: Db = pool): Promise<void> {
  await db`delete from target_groups where id = ${input.id} and consultation_id = ${input.consultationId}`;
}

/**
 * How many participants said they belong to each target group, for reports. A group with fewer than
 * `AGGREGATE_MIN` is shown as "fewer than 5", never as a number: a small count can single a person out.
 */
export async function countSelfIdentifiedGroups(
  input: { consultationId: string },
  db: Db = pool,
): Promise<{ targetGroupId: string; name: string; count: number | null }[]> {
  const rows = await db<{ targetGroupId: string; name: string; n: number }[]>`
    select g.id as target_group_id, g.name, count(pg.participation_id)::int as n
    from target_groups g left join participation_groups pg on pg.target_group_id = g.id
    where g.consultation_id = ${input.consultationId}
    group by g.id, g.name, g.position order by g.position`;
  return rows.map((r) => ({ targetGroupId: r.targetGroupId, name: r.name, count: r.n >= AGGREGATE_MIN ? r.n : null }));
}
