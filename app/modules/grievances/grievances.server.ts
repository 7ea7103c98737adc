import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { notify } from "../notices/notices.server";
import {
  defaultStageDays,
  DEPLOYMENT_GRIEVANCES_PER_HOUR,
  GRIEVANCES_PER_DAY,
  GRIEVANCES_PER_HOUR,
  MIN_DECIDED_FOR_TIMES,
  stagedStates,
  staffOwedStates,
  type AppealOutcome,
  type GrievanceKind,
  type GrievanceOutcome,
  type GrievanceState,
  type StagedState,
} from "./constants";
import { actionTarget, allowedActions, canAppeal, isAdverse, referenceFrom, type StaffAction } from "./rules";
import type { Advance, FileGrievance, GrievanceFilter } from "./schema";

// Grievances about a deployed system (issue #8; 000 §57(e); 001 §60; 003 pt5-6). Anyone may file; the
// person follows the case by its reference code, in their inbox if they have an account, and by email if
// they gave an address. Every change is an event with the entity responsible and the deadline, and tells
// the person in the same transaction, so nobody is left without word of a step.

export * from "./constants";

/** Today in the database's calendar (YYYY-MM-DD), so deadlines and "overdue" agree with SQL. */
export async function today(db: Db = pool): Promise<string> {
  const [row] = await db<{ d: string }[]>`select to_char(current_date, 'YYYY-MM-DD') as d`;
  return row.d;
}

export interface GrievanceDeployment {
  id: string;
  slug: string;
  name: string;
  lang: string;
  organisationId: string;
  organisation: string;
}

/** A published deployment by slug, for filing and statistics, or a 404 Response. */
export async function getGrievanceDeployment(slug: string, db: Db = pool): Promise<GrievanceDeployment> {
  const [row] = await db<GrievanceDeployment[]>`
    select d.id, d.slug, d.name, d.lang, d.organisation_id, o.name as organisation
    from deployments d join organisations o on o.id = d.organisation_id
    where d.slug = ${slug} and d.status = 'published'`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

export interface Stage {
  entity: string;
  days: number;
}
export type Stages = Record<StagedState, Stage>;

/** An organisation's stages, each state's own or the default (the organisation itself, default days). */
export async function getStages(organisationId: string, db: Db = pool): Promise<{ stages: Stages }> {
  const [org] = await db<{ name: string }[]>`select name from organisations where id = ${organisationId}`;
  const rows = await db<{ state: StagedState; responsibleEntity: string; days: number }[]>`
    select state, responsible_entity, days from grievance_stages where organisation_id = ${organisationId}`;
  const set = new Map(rows.map((r) => [r.state, r]));
  const stages = Object.fromEntries(
    stagedStates.map((s) => [s, { entity: set.get(s)?.responsibleEntity ?? org?.name ?? "", days: set.get(s)?.days ?? defaultStageDays[s] }]),
  ) as Stages;
  return { stages };
}

/** Sets an organisation's stages and contest deadline; cases already open keep the deadlines they were given. */
export async function saveStages(input: { organisationId: string; stages: Stages; contestDays: number; actorId: string }, db: Sql = pool): Promise<void> {
  await db.begin(async (tx) => {
    for (const state of stagedStates) {
      const s = input.stages[state];
      await tx`
        insert into grievance_stages (organisation_id, state, responsible_entity, days, updated_by)
        values (${input.organisationId}, ${state}, ${s.entity}, ${s.days}, ${input.actorId})
        on conflict (organisation_id, state) do update
          set responsible_entity = excluded.responsible_entity, days = excluded.days, updated_by = excluded.updated_by, updated_at = now()`;
    }
    await tx`update organisations set contest_days = ${input.contestDays} where id = ${input.organisationId}`;
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id)
      values (${input.actorId}, 'set_grievance_stages', 'organisation', ${input.organisationId})`;
  });
}

/**
 * The key a filing is counted under: the account, or else the browser (its CSRF token, itself a keyed
 * hash of a random cookie). Hashed again, so the stored value cannot be turned back into either; never an
 * IP address (000 §55; 001 §19).
 */
export function sourceHash(input: { userId?: string | null; browserToken: string }): string {
  const source = input.userId ? `user:${input.userId}` : `browser:${input.browserToken}`;
  return crypto.createHash("sha256").update(`grievance-source:${source}`).digest("base64url").slice(0, 32);
}

/** A new reference code from the system's random source. */
export function newReference(): string {
  return referenceFrom(crypto.randomBytes(8));
}

interface CaseForNotice {
  id: string;
  reference: string;
  userId: string | null;
  contactEmail: string | null;
  deployment: string;
  state: GrievanceState;
  outcome: GrievanceOutcome | null;
  dueOn: string | null;
}

/**
 * Records a change of state as an event and tells the person: an inbox notice if they have an account, an
 * email (queued) if they gave an address. Inside the caller's transaction.
 */
async function recordEvent(
  c: CaseForNotice,
  event: { state: GrievanceState; entity: string | null; dueOn: string | null; note?: string | null; actorId: string | null },
  tx: Db,
): Promise<void> {
  const [row] = await tx<{ id: string }[]>`
    insert into grievance_events (grievance_id, state, responsible_entity, due_on, note, actor_id)
    values (${c.id}, ${event.state}, ${event.entity}, ${event.dueOn}, ${event.note ?? null}, ${event.actorId})
    returning id`;
  if (c.userId) {
    await notify(
      {
        recipients: [c.userId],
        kind: "grievance",
        params: { reference: c.reference, deployment: c.deployment, state: event.state, ...(c.outcome ? { outcome: c.outcome } : {}), ...(event.dueOn ? { due: event.dueOn } : {}) },
        link: `/grievances/${c.reference}`,
      },
      tx,
    );
  }
  if (c.contactEmail) await tx`insert into email_outbox (grievance_event_id) values (${row.id})`;
}

/**
 * Files a grievance. Refused with 429 past the per-source limits (3 an hour, 10 a day, counted in the
 * database so a restart resets nothing) or the deployment-wide ceiling; nothing is written then.
 */
export async function fileGrievance(
  input: FileGrievance & { deployment: GrievanceDeployment; userId: string | null; sourceHash: string },
  db: Sql = pool,
): Promise<{ ok: true; reference: string } | Refusal> {
  return (await db.begin(async (tx) => {
    // One filing at a time per source, so two parallel posts cannot both pass the count.
    await tx`select pg_advisory_xact_lock(hashtext(${`grievance:${input.sourceHash}`}))`;
    const [rate] = await tx<{ hour: number; day: number }[]>`
      select count(*) filter (where created_at > now() - interval '1 hour')::int as hour, count(*)::int as day
      from grievances where source_hash = ${input.sourceHash} and created_at > now() - interval '1 day'`;
    if (rate.hour >= GRIEVANCES_PER_HOUR || rate.day >= GRIEVANCES_PER_DAY) return { ok: false, status: 429, error: "grievances:errors.tooMany" } as const;
    const [busy] = await tx<{ n: number }[]>`
      select count(*)::int as n from (
        select 1 from grievances where deployment_id = ${input.deployment.id} and created_at > now() - interval '1 hour'
        limit ${DEPLOYMENT_GRIEVANCES_PER_HOUR}) x`;
    if (busy.n >= DEPLOYMENT_GRIEVANCES_PER_HOUR) return { ok: false, status: 429, error: "grievances:errors.busy" } as const;

    const { stages } = await getStages(input.deployment.organisationId, tx);
    let created: { id: string; reference: string; dueOn: string } | undefined;
    for (let attempt = 0; !created && attempt < 5; attempt++) {
      [created] = await tx<{ id: string; reference: string; dueOn: string }[]>`
        insert into grievances (reference, deployment_id, organisation_id, kind, body, lang, user_id, contact_email, due_on, source_hash)
        values (${newReference()}, ${input.deployment.id}, ${input.deployment.organisationId}, ${input.kind}, ${input.body}, ${input.lang},
          ${input.userId}, ${input.contactEmail ?? null}, current_date + ${stages.received.days}::int, ${input.sourceHash})
        on conflict (reference) do nothing
        returning id, reference, to_char(due_on, 'YYYY-MM-DD') as due_on`;
    }
    if (!created) throw new Error("no free reference code after 5 tries");
    await recordEvent(
      { ...created, userId: input.userId, contactEmail: input.contactEmail ?? null, deployment: input.deployment.name, state: "received", outcome: null },
      { state: "received", entity: stages.received.entity, dueOn: created.dueOn, actorId: null },
      tx,
    );
    // Who filed is not recorded in the audit trail: the case is the record, and a filing may be anonymous.
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (null, 'file_grievance', 'grievance', ${created.id})`;
    return { ok: true, reference: created.reference } as const;
  })) as { ok: true; reference: string } | Refusal;
}

export interface GrievanceEvent {
  state: GrievanceState;
  responsibleEntity: string | null;
  dueOn: string | null;
  note: string | null;
  createdAt: Date;
}

export interface GrievanceCase {
  id: string;
  reference: string;
  kind: GrievanceKind;
  body: string;
  lang: string;
  state: GrievanceState;
  dueOn: string | null;
  outcome: GrievanceOutcome | null;
  decisionReason: string | null;
  remedy: string | null;
  appealReason: string | null;
  appealOutcome: AppealOutcome | null;
  appealAnswer: string | null;
  hasContact: boolean;
  revision: number;
  createdAt: Date;
  deploymentSlug: string;
  deploymentName: string;
  organisationId: string;
  events: GrievanceEvent[];
}

async function loadCase(where: { reference: string } | { id: string }, db: Db): Promise<GrievanceCase | null> {
  const cond = "reference" in where ? db`g.reference = ${where.reference}` : db`g.id = ${where.id}`;
  const [row] = await db<Omit<GrievanceCase, "events">[]>`
    select g.id, g.reference, g.kind, g.body, g.lang, g.state, to_char(g.due_on, 'YYYY-MM-DD') as due_on, g.outcome, g.decision_reason,
      g.remedy, g.appeal_reason, g.appeal_outcome, g.appeal_reason_answer as appeal_answer, g.contact_email is not null as has_contact,
      g.revision, g.created_at, d.slug as deployment_slug, d.name as deployment_name, g.organisation_id
    from grievances g join deployments d on d.id = g.deployment_id where ${cond}`;
  if (!row) return null;
  const events = await db<GrievanceEvent[]>`
    select state, responsible_entity, to_char(due_on, 'YYYY-MM-DD') as due_on, note, created_at
    from grievance_events where grievance_id = ${row.id} order by created_at, id limit 100`;
  return { ...row, events };
}

/** The case behind a reference code, for the person who holds it, or a 404 Response. */
export async function getCaseByReference(reference: string, db: Db = pool): Promise<GrievanceCase> {
  const found = await loadCase({ reference }, db);
  if (!found) throw data(null, { status: 404 });
  return found;
}

/** A case for staff, or null (unknown id). */
export async function getCaseForStaff(id: string, db: Db = pool): Promise<GrievanceCase | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  return loadCase({ id }, db);
}

/** The organisation a case belongs to, for the permission check before anything else; null if none. */
export async function organisationOfGrievance(id: string, db: Db = pool): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [row] = await db<{ organisationId: string }[]>`select organisation_id from grievances where id = ${id}`;
  return row?.organisationId ?? null;
}

async function lockCase(where: { reference: string } | { id: string }, tx: Db) {
  const cond = "reference" in where ? tx`g.reference = ${where.reference}` : tx`g.id = ${where.id}`;
  const [row] = await tx<(CaseForNotice & { organisationId: string; revision: number })[]>`
    select g.id, g.reference, g.user_id, g.contact_email, d.name as deployment, g.state, g.outcome,
      to_char(g.due_on, 'YYYY-MM-DD') as due_on, g.organisation_id, g.revision
    from grievances g join deployments d on d.id = g.deployment_id where ${cond} for update of g`;
  return row ?? null;
}

/** The person appeals an adverse decision within its time; the case goes to the appeal entity. */
export async function appealGrievance(input: { reference: string; reason: string }, db: Sql = pool): Promise<{ ok: true } | Refusal> {
  return (await db.begin(async (tx) => {
    const c = await lockCase({ reference: input.reference }, tx);
    if (!c) return { ok: false, status: 404, error: "grievances:errors.notFound" } as const;
    if (!canAppeal(c, await today(tx))) return { ok: false, status: 409, error: "grievances:errors.cannotAppeal" } as const;
    const { stages } = await getStages(c.organisationId, tx);
    const [u] = await tx<{ dueOn: string }[]>`
      update grievances set state = 'appealed', appeal_reason = ${input.reason}, appealed_at = now(),
        due_on = current_date + ${stages.appealed.days}::int, revision = revision + 1, updated_at = now()
      where id = ${c.id} returning to_char(due_on, 'YYYY-MM-DD') as due_on`;
    await recordEvent({ ...c, state: "appealed" }, { state: "appealed", entity: stages.appealed.entity, dueOn: u.dueOn, actorId: null }, tx);
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (null, 'appeal_grievance', 'grievance', ${c.id})`;
    return { ok: true } as const;
  })) as { ok: true } | Refusal;
}

/**
 * A staff step: acknowledge, start the review, decide (outcome, reason, remedy), close, or decide an
 * appeal. Refused when the step is not open in the case's state (409), or the case changed since the
 * page was read (409, stale revision). The person is told in the same transaction.
 */
export async function advanceGrievance(input: Advance & { id: string; actorId: string }, db: Sql = pool): Promise<{ ok: true } | Refusal> {
  return (await db.begin(async (tx) => {
    const c = await lockCase({ id: input.id }, tx);
    if (!c) return { ok: false, status: 404, error: "grievances:errors.notFound" } as const;
    if (c.revision !== input.revision) return { ok: false, status: 409, error: "grievances:errors.stale" } as const;
    if (!allowedActions(c, await today(tx)).includes(input.action)) return { ok: false, status: 409, error: "grievances:errors.notNow" } as const;
    const target = actionTarget[input.action as StaffAction];
    const { stages } = await getStages(c.organisationId, tx);
    const stage = target === "closed" ? null : stages[target as StagedState];
    const days = stage?.days ?? null;
    let outcome = c.outcome;
    if (input.action === "decide") outcome = input.outcome!;
    if (input.action === "decide_appeal" && input.appealOutcome === "changed") outcome = input.outcome!;
    const [u] = await tx<{ dueOn: string | null }[]>`
      update grievances set state = ${target}, revision = revision + 1, updated_at = now(),
        due_on = ${days === null ? null : tx`current_date + ${days}::int`},
        outcome = ${outcome},
        ${
          input.action === "decide"
            ? tx`decision_reason = ${input.reason!}, remedy = ${input.remedy ?? null}, decided_at = now(),`
            : input.action === "decide_appeal"
              ? tx`appeal_outcome = ${input.appealOutcome!}, appeal_reason_answer = ${input.reason!},
                   ${input.appealOutcome === "changed" ? tx`decision_reason = ${input.reason!}, remedy = ${input.remedy ?? null}, decided_at = now(),` : tx``}`
              : tx``
        }
        closed_at = ${target === "closed" ? tx`now()` : null}
      where id = ${c.id} returning to_char(due_on, 'YYYY-MM-DD') as due_on`;
    await recordEvent(
      { ...c, state: target, outcome, dueOn: u.dueOn },
      { state: target, entity: stage?.entity ?? null, dueOn: u.dueOn, note: input.note ?? null, actorId: input.actorId },
      tx,
    );
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, ${`grievance_${input.action}`}, 'grievance', ${c.id}, ${tx.json({ from: c.state, to: target })})`;
    return { ok: true } as const;
  })) as { ok: true } | Refusal;
}

export interface QueueRow {
  id: string;
  reference: string;
  kind: GrievanceKind;
  excerpt: string;
  lang: string;
  state: GrievanceState;
  dueOn: string | null;
  overdue: boolean;
  deploymentSlug: string;
  deploymentName: string;
  createdAt: Date;
}

/** The staff queue of the organisations given (null: all): open cases first, the most urgent on top (bounded). */
export async function listGrievances(
  input: { organisationIds: string[] | null; filter: GrievanceFilter; limit?: number },
  db: Db = pool,
): Promise<QueueRow[]> {
  const f = input.filter;
  const owed = staffOwedStates as string[];
  return db<QueueRow[]>`
    select g.id, g.reference, g.kind, left(g.body, 200) as excerpt, g.lang, g.state, to_char(g.due_on, 'YYYY-MM-DD') as due_on,
      (g.state = any(${owed}) and g.due_on < current_date) as overdue, d.slug as deployment_slug, d.name as deployment_name, g.created_at
    from grievances g join deployments d on d.id = g.deployment_id
    where ${input.organisationIds === null ? db`true` : db`g.organisation_id = any(${input.organisationIds}::uuid[])`}
      and ${f.state ? db`g.state = ${f.state}` : f.overdue ? db`true` : db`g.state <> 'closed'`}
      and ${f.overdue ? db`g.state = any(${owed}) and g.due_on < current_date` : db`true`}
      and ${f.deployment ? db`d.slug = ${f.deployment}` : db`true`}
    order by g.state = 'closed', (g.state = any(${owed})) desc, g.due_on nulls last, g.created_at
    limit ${Math.min(input.limit ?? 100, 500)}`;
}

export interface GrievanceStats {
  total: number;
  byState: Record<GrievanceState, number>;
  decided: number;
  /** Days from filing to decision: median and 90th percentile; null until enough cases are decided. */
  medianDays: number | null;
  p90Days: number | null;
  /** Decided within the deadline of the review stage, as a share of decided cases; null as above. */
  onTimeShare: number | null;
  overdue: number;
  appealed: number;
}

/**
 * Public statistics of a deployment's grievances: counts by state and time to decision, never a single
 * case. Times appear only once MIN_DECIDED_FOR_TIMES cases are decided, so one case's dates never show.
 */
export async function grievanceStats(deploymentId: string, db: Db = pool): Promise<GrievanceStats> {
  const states = await db<{ state: GrievanceState; n: number; overdue: number }[]>`
    select state, count(*)::int as n, count(*) filter (where state = any(${staffOwedStates as string[]}) and due_on < current_date)::int as overdue
    from grievances where deployment_id = ${deploymentId} group by state`;
  const [times] = await db<{ decided: number; appealed: number; median: number | null; p90: number | null; onTime: number }[]>`
    select count(*)::int as decided, count(*) filter (where g.appealed_at is not null)::int as appealed,
      percentile_disc(0.5) within group (order by g.decided_at::date - g.created_at::date) as median,
      percentile_disc(0.9) within group (order by g.decided_at::date - g.created_at::date) as p90,
      count(*) filter (where g.decided_at::date <= r.due_on)::int as on_time
    from grievances g
    left join lateral (
      select e.due_on from grievance_events e where e.grievance_id = g.id and e.state = 'under_review' order by e.created_at desc limit 1
    ) r on true
    where g.deployment_id = ${deploymentId} and g.decided_at is not null`;
  const byState = Object.fromEntries(["received", "acknowledged", "under_review", "decided", "appealed", "closed"].map((s) => [s, 0])) as Record<GrievanceState, number>;
  let overdue = 0;
  for (const r of states) {
    byState[r.state] = r.n;
    overdue += r.overdue;
  }
  const enough = times.decided >= MIN_DECIDED_FOR_TIMES;
  return {
    total: Object.values(byState).reduce((a, b) => a + b, 0),
    byState,
    decided: times.decided,
    medianDays: enough ? Number(times.median) : null,
    p90Days: enough ? Number(times.p90) : null,
    onTimeShare: enough ? times.onTime / times.decided : null,
    overdue,
    appealed: times.appealed,
  };
}

/**
 * Least data (001 §19): the rate-limit key is erased after 2 days, the contact address 30 days after the
 * case is closed (time for the last email to go out). Runs with the mail worker.
 */
export async function purgeGrievanceData(db: Db = pool): Promise<{ sources: number; contacts: number }> {
  const sources = await db`update grievances set source_hash = null where source_hash is not null and created_at < now() - interval '2 days'`;
  const contacts = await db`update grievances set contact_email = null where contact_email is not null and state = 'closed' and closed_at < now() - interval '30 days'`;
  return { sources: sources.count, contacts: contacts.count };
}

export interface GrievanceEmail {
  to: string;
  lang: string;
  reference: string;
  deployment: string;
  state: GrievanceState;
  outcome: GrievanceOutcome | null;
  reason: string | null;
  remedy: string | null;
  note: string | null;
  dueOn: string | null;
  entity: string | null;
  /** For an adverse decision: who decides an appeal, and within how many days. */
  appealEntity: string | null;
  appealDays: number | null;
}

/** What an email about one event says, read when sending; null when there is no address any more. */
export async function grievanceEmailFor(eventId: string, db: Db = pool): Promise<GrievanceEmail | null> {
  const [row] = await db<(Omit<GrievanceEmail, "appealEntity" | "appealDays" | "to"> & { to: string | null; organisationId: string })[]>`
    select g.contact_email as to, g.lang, g.reference, d.name as deployment, e.state, g.outcome,
      case when e.state in ('decided', 'closed') then g.decision_reason end as reason,
      case when e.state in ('decided', 'closed') then g.remedy end as remedy,
      e.note, to_char(e.due_on, 'YYYY-MM-DD') as due_on, e.responsible_entity as entity, g.organisation_id
    from grievance_events e join grievances g on g.id = e.grievance_id join deployments d on d.id = g.deployment_id
    where e.id = ${eventId}`;
  if (!row?.to) return null;
  let appealEntity: string | null = null;
  let appealDays: number | null = null;
  if (row.state === "decided" && isAdverse(row.outcome)) {
    const { stages } = await getStages(row.organisationId, db);
    appealEntity = stages.appealed.entity;
    appealDays = stages.appealed.days;
  }
  const { organisationId: _omit, ...rest } = row;
  return { ...rest, to: row.to, appealEntity, appealDays };
}
