import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import { createParticipant, type Refusal } from "../auth/auth.server";
import type { TranslationShown } from "../translations/constants";

export interface ConsultationSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  lang: string;
  status: "draft" | "open" | "closed" | "analysis" | "responded";
  opensAt: Date | null;
  closesAt: Date | null;
  lifecycleStage: string;
  deploymentId: string;
  deploymentSlug: string;
  deploymentName: string;
  organisationName: string;
  timeZone: string;
  defaultAttribution: "named" | "pseudonymous" | "chatham_house";
  moderationPolicy: string;
  /** The languages the consultation is offered in. */
  languages: string[];
  /** Set when the title and summary are shown translated (briefing.server.ts translateConsultation). */
  translation?: TranslationShown | null;
}

const summaryColumnsAndJoins = (db: Db) => db`
  c.id, c.slug, c.title, c.summary, c.lang, c.status, c.opens_at, c.closes_at, c.lifecycle_stage, c.time_zone,
  c.default_attribution, c.moderation_policy, c.languages,
  d.id as deployment_id, d.slug as deployment_slug, d.name as deployment_name, o.name as organisation_name
  from consultations c
  join deployments d on d.id = c.deployment_id
  join organisations o on o.id = d.organisation_id`;

/** A bounded page of consultations open now, closing soonest first (served by consultations_status_idx). */
export async function listOpenConsultations(input: { limit?: number } = {}, db: Db = pool): Promise<ConsultationSummary[]> {
  return db<ConsultationSummary[]>`
    select ${summaryColumnsAndJoins(db)}
    where c.status = 'open' and (c.closes_at is null or c.closes_at > now())
    order by c.closes_at nulls last, c.id
    limit ${Math.min(input.limit ?? 50, 200)}`;
}

/** The consultation with this slug, or a 404 Response. Drafts are not public. */
export async function getPublicConsultation(slug: string, db: Db = pool): Promise<ConsultationSummary> {
  const [row] = await db<ConsultationSummary[]>`
    select ${summaryColumnsAndJoins(db)}
    where c.slug = ${slug} and c.status <> 'draft'`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

export function isAcceptingInput(c: Pick<ConsultationSummary, "status" | "opensAt" | "closesAt">, now = new Date()): boolean {
  return c.status === "open" && (!c.opensAt || c.opensAt <= now) && (!c.closesAt || c.closesAt > now);
}

/** The participant's pseudonym in this consultation, or null when they have not joined it. */
export async function findParticipation(input: { consultationId: string; userId: string }, db: Db = pool): Promise<{ pseudonym: string } | null> {
  const [row] = await db<{ pseudonym: string }[]>`
    select pseudonym from participations where consultation_id = ${input.consultationId} and user_id = ${input.userId}`;
  return row ?? null;
}

/** The consent text's version: a change to what we ask people to agree to gets a new one (000 §57(n)). */
export const CONSENT_VERSION = "2026-11-v1";

/**
 * Records that a person takes part in a consultation under a pseudonym, with their consent.
 * Refuses a closed consultation and a pseudonym already used there (409).
 */
export async function joinConsultation(
  input: { consultation: Pick<ConsultationSummary, "id" | "status" | "opensAt" | "closesAt">; userId: string } & JoinDetails,
  db: Db = pool,
): Promise<{ ok: true } | Refusal> {
  if (!isAcceptingInput(input.consultation)) return { ok: false, status: 409, error: "consultations:errors.closed" };
  const [row] = await db<{ id: string }[]>`
    insert into participations (consultation_id, user_id, pseudonym, consent_version, organisation)
    values (${input.consultation.id}, ${input.userId}, ${input.pseudonym}, ${CONSENT_VERSION}, ${input.organisation ?? ""})
    on conflict do nothing
    returning id`;
  if (!row) {
    const existing = await findParticipation({ consultationId: input.consultation.id, userId: input.userId }, db);
    if (existing) return { ok: true };
    return { ok: false, status: 409, error: "consultations:errors.pseudonymTaken" };
  }
  if (input.groups?.length) {
    // Only this consultation's groups; an id from elsewhere is ignored, not stored.
    await db`
      insert into participation_groups (participation_id, target_group_id)
      select ${row.id}, g.id from target_groups g where g.consultation_id = ${input.consultation.id} and g.id in ${db(input.groups)}
      on conflict do nothing`;
  }
  return { ok: true };
}

/** What a person gives when they join: a pseudonym, and optionally an organisation and their groups. */
export interface JoinDetails {
  pseudonym: string;
  organisation?: string;
  /** Self-identified affected groups (target group ids), stored apart (participation_groups). */
  groups?: string[];
}


class JoinRefused extends Error {
  constructor(public readonly refusal: Refusal) {
    super(refusal.error);
  }
}

/**
 * A first-time participant: creates the pseudonymous account and the participation in one
 * transaction, so a refused join (closed, pseudonym taken) leaves no account behind.
 */
export async function joinAsNewParticipant(
  input: {
    consultation: Pick<ConsultationSummary, "id" | "status" | "opensAt" | "closesAt">;
    preferredLang?: string;
  } & JoinDetails,
  db: Sql = pool,
): Promise<({ ok: true } & { userId: string; recoveryCode: string; token: string; expiresAt: Date }) | Refusal> {
  try {
    return (await db.begin(async (tx) => {
      const created = await createParticipant({ displayName: input.pseudonym, preferredLang: input.preferredLang }, tx);
      const joined = await joinConsultation({ ...input, userId: created.userId }, tx);
      if (!joined.ok) throw new JoinRefused(joined);
      return { ok: true as const, ...created };
    })) as { ok: true; userId: string; recoveryCode: string; token: string; expiresAt: Date };
  } catch (err) {
    if (err instanceof JoinRefused) return err.refusal;
    throw err;
  }
}

/** The public consultations of a deployment, newest first (bounded). */
export async function listConsultationsOfDeployment(
  input: { deploymentId: string; limit?: number },
  db: Db = pool,
): Promise<{ slug: string; title: string; status: string; lang: string }[]> {
  return db<{ slug: string; title: string; status: string; lang: string }[]>`
    select slug, title, status, lang from consultations
    where deployment_id = ${input.deploymentId} and status <> 'draft'
    order by created_at desc limit ${Math.min(input.limit ?? 20, 100)}`;
}
