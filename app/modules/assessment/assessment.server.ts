import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { redLineCatalogue } from "../deployments/constants";
import { csvCell } from "../deployments/export";
import { notify } from "../notices/notices.server";
import { sectionKeys, type AssessmentStatus, type Conclusion, type LinkKind, type SectionKey } from "./constants";
import {
  decisionProblems,
  isEditable,
  manualMoves,
  ratingDimensions,
  severityOf,
  type DecisionProblem,
  type RatingDimension,
  type VersionContent,
} from "./rules";
import type { ImpactFields, TriageFilter } from "./schema";

// The human-rights impact assessment of a deployment (issue #7; 000 §57(c); 001 §43-44, §47, §64; 003
// pt2-3). One working copy per deployment; approval by a second person freezes a numbered version that
// the public reads. Every write records who made it and, where inputs caused it, which inputs, in the same
// transaction (DESIGN.md: every arrow keeps provenance). Functions take the database handle last.

export type Ok<T = object> = { ok: true } & T;

export interface RedLine {
  /** A catalogue id, or "other:<n>" for the dossier's own n-th red line. */
  id: string;
  /** The dossier's own words, for "other:<n>"; catalogue ids are translated by the page. */
  text?: string;
}

export interface AssessmentHead {
  id: string;
  deploymentId: string;
  deploymentSlug: string;
  deploymentName: string;
  deploymentLang: string;
  organisationId: string;
  status: AssessmentStatus;
  conclusion: Conclusion | null;
  justification: string;
  submittedBy: string | null;
  submittedAt: Date | null;
  reviewReason: string;
  revision: number;
  redLines: RedLine[];
}

/** The dossier's red lines: the published version's, or the draft's before the first publication. */
function redLinesOf(risk: { redLines?: unknown; otherRedLines?: unknown } | null): RedLine[] {
  const ids = Array.isArray(risk?.redLines) ? risk!.redLines.filter((x): x is string => (redLineCatalogue as readonly string[]).includes(x as string)) : [];
  const others = Array.isArray(risk?.otherRedLines) ? risk!.otherRedLines.filter((x): x is string => typeof x === "string") : [];
  return [...ids.map((id) => ({ id })), ...others.map((text, n) => ({ id: `other:${n}`, text }))];
}

async function headWhere(where: ReturnType<Db>, db: Db): Promise<AssessmentHead | null> {
  const [row] = await db<(Omit<AssessmentHead, "redLines"> & { risk: { redLines?: unknown; otherRedLines?: unknown } | null })[]>`
    select a.id, a.deployment_id, d.slug as deployment_slug, d.name as deployment_name, d.lang as deployment_lang,
      d.organisation_id, a.status, a.conclusion, a.justification, a.submitted_by, a.submitted_at, a.review_reason, a.revision,
      coalesce(v.content, d.draft) -> 'risk' as risk
    from assessments a
    join deployments d on d.id = a.deployment_id
    left join dossier_versions v on v.deployment_id = d.id and v.version = d.published_version
    where ${where}`;
  if (!row) return null;
  const { risk, ...head } = row;
  return { ...head, redLines: redLinesOf(risk) };
}

/**
 * The deployment's assessment, created with its empty sections on first use; a 404 Response for an unknown
 * deployment. Staff reach it only after the route has checked `edit:assessment` in its organisation.
 */
export async function openAssessment(input: { slug: string }, db: Db = pool): Promise<AssessmentHead> {
  const existing = await headWhere(db`d.slug = ${input.slug}`, db);
  if (existing) return existing;
  const [dep] = await db<{ id: string }[]>`select id from deployments where slug = ${input.slug}`;
  if (!dep) throw data(null, { status: 404 });
  const [created] = await db<{ id: string }[]>`
    insert into assessments (deployment_id) values (${dep.id}) on conflict (deployment_id) do nothing returning id`;
  if (created) {
    const rows = sectionKeys.map((key) => ({ assessment_id: created.id, key }));
    await db`insert into assessment_sections ${db(rows)} on conflict do nothing`;
  }
  return (await headWhere(db`a.deployment_id = ${dep.id}`, db))!;
}

/** The organisation a deployment belongs to, for the permission check before anything else; null if none. */
export async function findDeploymentOrganisation(slug: string, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ organisationId: string }[]>`select organisation_id from deployments where slug = ${slug}`;
  return row?.organisationId ?? null;
}

export interface SectionRow {
  key: SectionKey;
  body: string;
  revision: number;
  updatedAt: Date;
  evidence: { id: string; source: string; dated: string | null; url: string | null; attachmentId: string | null; attachmentTitle: string | null }[];
}

export interface MitigationRow {
  id: string;
  impactId: string;
  level: string;
  description: string;
  owner: string;
  dueOn: string | null;
  status: string;
  isCondition: boolean;
  sourceInputId: string | null;
}

export interface ImpactRow {
  id: string;
  number: number;
  title: string;
  description: string;
  rights: string[];
  groupIds: string[];
  scale: number;
  scope: number;
  reversibility: number;
  likelihood: number;
  rationale: Partial<Record<RatingDimension, string>>;
  residualScale: number | null;
  residualScope: number | null;
  residualReversibility: number | null;
  residualLikelihood: number | null;
  residualRationale: string;
  redLine: string | null;
  status: "open" | "closed";
  closedReason: string;
  revision: number;
  updatedAt: Date;
  links: number;
}

const impactColumns = (db: Db) => db`
  i.id, i.number, i.title, i.description, i.rights, i.group_ids, i.scale, i.scope, i.reversibility, i.likelihood,
  i.rationale, i.residual_scale, i.residual_scope, i.residual_reversibility, i.residual_likelihood, i.residual_rationale,
  i.red_line, i.status, i.closed_reason, i.revision, i.updated_at,
  (select count(*)::int from input_links l where l.impact_id = i.id) as links`;

/** At most this many impacts in one assessment: a list page shows them all. */
export const MAX_IMPACTS = 300;

export async function listSections(assessmentId: string, db: Db = pool): Promise<SectionRow[]> {
  const rows = await db<Omit<SectionRow, "evidence">[]>`
    select key, body, revision, updated_at from assessment_sections where assessment_id = ${assessmentId}`;
  const evidence = await db<(SectionRow["evidence"][number] & { sectionKey: SectionKey })[]>`
    select e.id, e.section_key, e.source, to_char(e.dated, 'YYYY-MM-DD') as dated, e.url, e.attachment_id, f.title as attachment_title
    from assessment_evidence e left join attachments f on f.id = e.attachment_id
    where e.assessment_id = ${assessmentId} order by e.section_key, e.created_at limit 1000`;
  const order = new Map(sectionKeys.map((k, i) => [k, i]));
  return rows
    .sort((a, b) => order.get(a.key)! - order.get(b.key)!)
    .map((s) => ({ ...s, evidence: evidence.filter((e) => e.sectionKey === s.key).map(({ sectionKey: _, ...e }) => e) }));
}

export async function listImpacts(assessmentId: string, db: Db = pool): Promise<(ImpactRow & { mitigations: MitigationRow[] })[]> {
  const impacts = await db<ImpactRow[]>`
    select ${impactColumns(db)} from impacts i where i.assessment_id = ${assessmentId} order by i.number limit ${MAX_IMPACTS}`;
  const mitigations = impacts.length
    ? await db<MitigationRow[]>`
        select id, impact_id, level, description, owner, to_char(due_on, 'YYYY-MM-DD') as due_on, status, is_condition, source_input_id
        from mitigations where impact_id = any(${impacts.map((i) => i.id)}::uuid[]) order by created_at limit 3000`
    : [];
  return impacts.map((i) => ({ ...i, mitigations: mitigations.filter((m) => m.impactId === i.id) }));
}

/** One impact of the assessment with its mitigations, or a 404 Response. */
export async function getImpact(input: { assessmentId: string; number: number }, db: Db = pool): Promise<ImpactRow & { mitigations: MitigationRow[] }> {
  const [impact] = await db<ImpactRow[]>`
    select ${impactColumns(db)} from impacts i where i.assessment_id = ${input.assessmentId} and i.number = ${input.number}`;
  if (!impact) throw data(null, { status: 404 });
  const mitigations = await db<MitigationRow[]>`
    select id, impact_id, level, description, owner, to_char(due_on, 'YYYY-MM-DD') as due_on, status, is_condition, source_input_id
    from mitigations where impact_id = ${impact.id} order by created_at limit 100`;
  return { ...impact, mitigations };
}

export interface RatingChange {
  phase: "inherent" | "residual";
  dimension: RatingDimension;
  fromValue: number | null;
  toValue: number | null;
  rationale: string;
  inputIds: string[];
  changedBy: string | null;
  createdAt: Date;
}

/** The rating history of an impact, newest first: who, when, from → to, why and which inputs. */
export async function listRatingChanges(impactId: string, db: Db = pool): Promise<RatingChange[]> {
  return db<RatingChange[]>`
    select c.phase, c.dimension, c.from_value, c.to_value, c.rationale, c.input_ids, u.display_name as changed_by, c.created_at
    from impact_rating_changes c left join users u on u.id = c.changed_by
    where c.impact_id = ${impactId} order by c.created_at desc, c.dimension limit 200`;
}

export interface LinkedInput {
  linkId: string;
  inputId: string;
  kind: LinkKind;
  note: string;
  body: string;
  lang: string;
  consultationSlug: string;
  status: string;
  createdAt: Date;
}

/** The inputs linked to an impact (newest first), with an excerpt of each for staff. */
export async function listImpactInputs(impactId: string, db: Db = pool): Promise<LinkedInput[]> {
  return db<LinkedInput[]>`
    select l.id as link_id, l.input_id, l.kind, l.note, left(i.body, 400) as body, i.lang, c.slug as consultation_slug, i.status, l.created_at
    from input_links l join inputs i on i.id = l.input_id join consultations c on c.id = i.consultation_id
    where l.impact_id = ${impactId} order by l.created_at desc limit 200`;
}

export interface GroupOption {
  id: string;
  name: string;
  consultationTitle: string;
}

/** The affected groups an impact can name: the target groups of the deployment's consultations. */
export async function listAffectedGroups(deploymentId: string, db: Db = pool): Promise<GroupOption[]> {
  return db<GroupOption[]>`
    select g.id, g.name, c.title as consultation_title
    from target_groups g join consultations c on c.id = g.consultation_id
    where c.deployment_id = ${deploymentId} order by c.created_at, g.position limit 200`;
}

function refuse(status: number, error: string): Refusal {
  return { ok: false, status, error };
}

/** Locks the working copy for a write; refuses while it waits for approval (it must not change under the approver). */
async function lockEditable(assessmentId: string, tx: Db): Promise<Refusal | null> {
  const [row] = await tx<{ status: AssessmentStatus }[]>`select status from assessments where id = ${assessmentId} for update`;
  if (!row) return refuse(404, "assessment:errors.notFound");
  if (!isEditable(row.status)) return refuse(409, "assessment:errors.awaitingApproval");
  return null;
}

async function audit(tx: Db, actorId: string | null, action: string, subjectType: string, subjectId: string, details: object = {}) {
  await tx`insert into audit_events (actor_id, action, subject_type, subject_id, details)
    values (${actorId}, ${action}, ${subjectType}, ${subjectId}, ${tx.json(details as never)})`;
}

export type StaleSection = Refusal & { current: { body: string; revision: number } };

/** Saves a section; a stale revision is refused with the newer text, so neither version is lost. */
export async function saveSection(
  input: { assessmentId: string; key: SectionKey; body: string; revision: number; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal | StaleSection> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.assessmentId, tx);
    if (locked) return locked;
    const [row] = await tx<{ revision: number }[]>`
      update assessment_sections set body = ${input.body}, revision = revision + 1, updated_by = ${input.actorId}, updated_at = now()
      where assessment_id = ${input.assessmentId} and key = ${input.key} and revision = ${input.revision}
      returning revision`;
    if (!row) {
      const [current] = await tx<{ body: string; revision: number }[]>`
        select body, revision from assessment_sections where assessment_id = ${input.assessmentId} and key = ${input.key}`;
      if (!current) return refuse(404, "assessment:errors.notFound");
      return { ...refuse(409, "assessment:errors.staleSection"), current };
    }
    await audit(tx, input.actorId, "save_assessment_section", "assessment", input.assessmentId, { key: input.key });
    return { ok: true };
  })) as Ok | Refusal | StaleSection;
}

/** Adds an evidence record (source, date, link) to a section (003 pt2). */
export async function addEvidence(
  input: { assessmentId: string; sectionKey: SectionKey; source: string; dated?: string; url?: string; attachmentId?: string; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.assessmentId, tx);
    if (locked) return locked;
    if (input.attachmentId) {
      const [own] = await tx`
        select 1 from attachments f join assessments a on a.deployment_id = f.deployment_id where f.id = ${input.attachmentId} and a.id = ${input.assessmentId}`;
      if (!own) return refuse(400, "assessment:errors.attachmentUnknown");
    }
    await tx`insert into assessment_evidence (assessment_id, section_key, source, dated, url, attachment_id, created_by)
      values (${input.assessmentId}, ${input.sectionKey}, ${input.source}, ${input.dated ?? null}, ${input.url ?? null}, ${input.attachmentId ?? null}, ${input.actorId})`;
    await audit(tx, input.actorId, "add_assessment_evidence", "assessment", input.assessmentId, { key: input.sectionKey });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

/** Inputs among `ids` that belong to one of the deployment's consultations. */
async function inputsOfDeployment(assessmentId: string, ids: string[], tx: Db): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx<{ id: string }[]>`
    select i.id from inputs i join consultations c on c.id = i.consultation_id join assessments a on a.deployment_id = c.deployment_id
    where a.id = ${assessmentId} and i.id = any(${ids}::uuid[])`;
  return rows.map((r) => r.id);
}

/** Refuses what the database would refuse less clearly: unknown groups, red lines, inputs. */
async function checkImpactRefs(head: AssessmentHead, fields: ImpactFields, tx: Db): Promise<Refusal | null> {
  if (fields.redLine && !head.redLines.some((r) => r.id === fields.redLine)) return refuse(400, "assessment:errors.redLineUnknown");
  if (fields.groupIds.length) {
    const known = await tx<{ id: string }[]>`
      select g.id from target_groups g join consultations c on c.id = g.consultation_id
      where c.deployment_id = ${head.deploymentId} and g.id = any(${fields.groupIds}::uuid[])`;
    if (known.length !== new Set(fields.groupIds).size) return refuse(400, "assessment:errors.groupUnknown");
  }
  if (fields.causedBy.length) {
    const found = await inputsOfDeployment(head.id, fields.causedBy, tx);
    if (found.length !== new Set(fields.causedBy).size) return refuse(400, "assessment:errors.inputUnknown");
  }
  return null;
}

/** The columns an impact form sets, as one SQL fragment for insert and update alike. */
function impactSet(f: ImpactFields, db: Db) {
  const rationale = { scale: f.rationaleScale, scope: f.rationaleScope, reversibility: f.rationaleReversibility, likelihood: f.rationaleLikelihood };
  return db`
    title = ${f.title}, description = ${f.description}, rights = ${f.rights}::text[], group_ids = ${f.groupIds}::uuid[],
    scale = ${f.scale}, scope = ${f.scope}, reversibility = ${f.reversibility}, likelihood = ${f.likelihood},
    rationale = ${db.json(rationale)}, residual_scale = ${f.residualScale}, residual_scope = ${f.residualScope},
    residual_reversibility = ${f.residualReversibility}, residual_likelihood = ${f.residualLikelihood},
    residual_rationale = ${f.residualRationale}, red_line = ${f.redLine}, status = ${f.status},
    closed_reason = ${f.status === "closed" ? f.closedReason : ""}`;
}

const residualKey = { scale: "residualScale", scope: "residualScope", reversibility: "residualReversibility", likelihood: "residualLikelihood" } as const;
const rationaleKey = { scale: "rationaleScale", scope: "rationaleScope", reversibility: "rationaleReversibility", likelihood: "rationaleLikelihood" } as const;

/** The rating changes between `before` (null: a new impact) and `after`, as history rows. */
function ratingChanges(before: ImpactRow | null, after: ImpactFields) {
  const rows: { phase: "inherent" | "residual"; dimension: RatingDimension; from: number | null; to: number | null; rationale: string }[] = [];
  for (const d of ratingDimensions) {
    const from = before ? before[d] : null;
    if (from !== after[d]) rows.push({ phase: "inherent", dimension: d, from, to: after[d], rationale: after[rationaleKey[d]] });
    const rFrom = before ? before[residualKey[d]] : null;
    const rTo = after[residualKey[d]];
    if (rFrom !== rTo) rows.push({ phase: "residual", dimension: d, from: rFrom, to: rTo, rationale: after.residualRationale });
  }
  return rows;
}

async function recordRatingChanges(tx: Db, impactId: string, rows: ReturnType<typeof ratingChanges>, inputIds: string[], actorId: string) {
  if (!rows.length) return;
  await tx`insert into impact_rating_changes ${tx(
    rows.map((r) => ({
      impact_id: impactId, phase: r.phase, dimension: r.dimension, from_value: r.from, to_value: r.to,
      rationale: r.rationale, input_ids: inputIds, changed_by: actorId,
    })),
  )}`;
}

async function insertLinks(tx: Db, rows: { assessmentId: string; inputId: string; impactId: string | null; kind: LinkKind; note: string; actorId: string }[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await tx`
    insert into input_links ${tx(rows.map((r) => ({ assessment_id: r.assessmentId, input_id: r.inputId, impact_id: r.impactId, kind: r.kind, note: r.note, created_by: r.actorId })))}
    on conflict do nothing returning id`;
  return inserted.length;
}

/**
 * Creates an impact. Its first ratings go into the history like any change; created from an input, the
 * input is linked as a new harm, so the impact keeps where it came from.
 */
export async function createImpact(
  input: { head: AssessmentHead; fields: ImpactFields; fromInputId?: string; actorId: string },
  db: Sql = pool,
): Promise<Ok<{ number: number; id: string }> | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const refs = await checkImpactRefs(input.head, input.fields, tx);
    if (refs) return refs;
    const from = input.fromInputId ? await inputsOfDeployment(input.head.id, [input.fromInputId], tx) : [];
    if (input.fromInputId && !from.length) return refuse(400, "assessment:errors.inputUnknown");
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from impacts where assessment_id = ${input.head.id}`;
    if (n >= MAX_IMPACTS) return refuse(400, "assessment:errors.tooManyImpacts");
    // The assessment row is locked, so the next number cannot be taken twice.
    const [row] = await tx<{ id: string; number: number }[]>`
      insert into impacts (assessment_id, number, title, scale, scope, reversibility, likelihood, created_by)
      values (${input.head.id}, (select coalesce(max(number), 0) + 1 from impacts where assessment_id = ${input.head.id}),
        ${input.fields.title}, ${input.fields.scale}, ${input.fields.scope}, ${input.fields.reversibility}, ${input.fields.likelihood}, ${input.actorId})
      returning id, number`;
    await tx`update impacts set ${impactSet(input.fields, tx)} where id = ${row.id}`;
    const causes = [...new Set([...from, ...input.fields.causedBy])];
    await recordRatingChanges(tx, row.id, ratingChanges(null, input.fields), causes, input.actorId);
    await insertLinks(tx, from.map((inputId) => ({ assessmentId: input.head.id, inputId, impactId: row.id, kind: "new_harm" as const, note: "", actorId: input.actorId })));
    await audit(tx, input.actorId, "create_impact", "impact", row.id, { number: row.number, fromInput: from[0] ?? null });
    return { ok: true, number: row.number, id: row.id } as const;
  })) as Ok<{ number: number; id: string }> | Refusal;
}

export type StaleImpact = Refusal & { current: ImpactRow };

/**
 * Saves an impact if nobody saved it since `revision`; a stale save is refused with the other version, and
 * the person's own text is returned to them by the page. Each rating change is recorded with the inputs
 * that caused it, and those inputs are linked as "changes a rating".
 */
export async function updateImpact(
  input: { head: AssessmentHead; impactId: string; revision: number; fields: ImpactFields; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal | StaleImpact> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const [before] = await tx<ImpactRow[]>`
      select ${impactColumns(tx)} from impacts i where i.id = ${input.impactId} and i.assessment_id = ${input.head.id} for update`;
    if (!before) return refuse(404, "assessment:errors.notFound");
    if (before.revision !== input.revision) return { ...refuse(409, "assessment:errors.staleImpact"), current: before };
    const refs = await checkImpactRefs(input.head, input.fields, tx);
    if (refs) return refs;
    const changes = ratingChanges(before, input.fields);
    await tx`update impacts set ${impactSet(input.fields, tx)}, revision = revision + 1, updated_at = now() where id = ${input.impactId}`;
    await recordRatingChanges(tx, input.impactId, changes, input.fields.causedBy, input.actorId);
    if (changes.length) {
      await insertLinks(tx, input.fields.causedBy.map((inputId) => ({ assessmentId: input.head.id, inputId, impactId: input.impactId, kind: "changes_rating" as const, note: "", actorId: input.actorId })));
    }
    await audit(tx, input.actorId, "update_impact", "impact", input.impactId, { ratingChanges: changes.length });
    return { ok: true } as const;
  })) as Ok | Refusal | StaleImpact;
}

/** Adds a mitigation to an impact; proposed by an input, that input is linked as "proposes a mitigation". */
export async function addMitigation(
  input: {
    head: AssessmentHead;
    impactId: string;
    fields: { level: string; description: string; owner: string; dueOn?: string; isCondition: boolean; sourceInputId?: string };
    actorId: string;
  },
  db: Sql = pool,
): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const [impact] = await tx`select id from impacts where id = ${input.impactId} and assessment_id = ${input.head.id}`;
    if (!impact) return refuse(404, "assessment:errors.notFound");
    const f = input.fields;
    if (f.sourceInputId && !(await inputsOfDeployment(input.head.id, [f.sourceInputId], tx)).length) return refuse(400, "assessment:errors.inputUnknown");
    const [row] = await tx<{ id: string }[]>`
      insert into mitigations (impact_id, level, description, owner, due_on, is_condition, source_input_id, created_by)
      values (${input.impactId}, ${f.level}, ${f.description}, ${f.owner}, ${f.dueOn ?? null}, ${f.isCondition}, ${f.sourceInputId ?? null}, ${input.actorId})
      returning id`;
    if (f.sourceInputId) {
      await insertLinks(tx, [{ assessmentId: input.head.id, inputId: f.sourceInputId, impactId: input.impactId, kind: "proposes_mitigation", note: "", actorId: input.actorId }]);
    }
    await audit(tx, input.actorId, "add_mitigation", "mitigation", row.id, { impactId: input.impactId, level: f.level, condition: f.isCondition });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

/** Moves a mitigation along planned → in progress → done (or dropped). */
export async function setMitigationStatus(
  input: { head: AssessmentHead; mitigationId: string; status: string; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const [row] = await tx<{ from: string }[]>`
      update mitigations m set status = ${input.status}, updated_at = now()
      from impacts i, (select status from mitigations where id = ${input.mitigationId}) old
      where m.id = ${input.mitigationId} and i.id = m.impact_id and i.assessment_id = ${input.head.id}
      returning old.status as from`;
    if (!row) return refuse(404, "assessment:errors.notFound");
    await audit(tx, input.actorId, "set_mitigation_status", "mitigation", input.mitigationId, { from: row.from, to: input.status });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

/**
 * Links inputs (one, or a cluster of similar ones handled at once) to the assessment: to an impact with a
 * kind, or as out of scope. Inputs outside the deployment's consultations are refused; a link already
 * made is kept once.
 */
export async function linkInputs(
  input: { head: AssessmentHead; inputIds: string[]; kind: LinkKind; impactId?: string; note: string; actorId: string },
  db: Sql = pool,
): Promise<Ok<{ linked: number }> | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const ids = [...new Set(input.inputIds)];
    const found = await inputsOfDeployment(input.head.id, ids, tx);
    if (found.length !== ids.length) return refuse(400, "assessment:errors.inputUnknown");
    const impactId = input.kind === "out_of_scope" ? null : (input.impactId ?? null);
    if (input.kind !== "out_of_scope" && !impactId) return refuse(400, "assessment:errors.impact");
    if (impactId) {
      const [impact] = await tx`select 1 from impacts where id = ${impactId} and assessment_id = ${input.head.id}`;
      if (!impact) return refuse(400, "assessment:errors.impact");
    }
    const linked = await insertLinks(tx, ids.map((inputId) => ({ assessmentId: input.head.id, inputId, impactId, kind: input.kind, note: input.note, actorId: input.actorId })));
    await audit(tx, input.actorId, "link_inputs", "assessment", input.head.id, { kind: input.kind, impactId, inputs: ids.length });
    return { ok: true, linked } as const;
  })) as Ok<{ linked: number }> | Refusal;
}

/** Removes one triage link (a mistake); the audit trail keeps that it existed. */
export async function unlinkInput(input: { head: AssessmentHead; linkId: string; actorId: string }, db: Sql = pool): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const [row] = await tx<{ inputId: string; kind: string; impactId: string | null }[]>`
      delete from input_links where id = ${input.linkId} and assessment_id = ${input.head.id} returning input_id, kind, impact_id`;
    if (!row) return refuse(404, "assessment:errors.notFound");
    await audit(tx, input.actorId, "unlink_input", "assessment", input.head.id, row);
    return { ok: true } as const;
  })) as Ok | Refusal;
}

// ---- Triage ----------------------------------------------------------------------------------------

export interface ConsultationOption {
  id: string;
  slug: string;
  title: string;
  status: string;
}

/** The deployment's consultations, newest first: triage works through one at a time. */
export async function listDeploymentConsultations(deploymentId: string, db: Db = pool): Promise<ConsultationOption[]> {
  return db<ConsultationOption[]>`
    select id, slug, title, status from consultations where deployment_id = ${deploymentId} order by created_at desc limit 50`;
}

export interface TriageItem {
  id: string;
  createdAt: Date;
  lang: string;
  kind: string;
  sectionRef: string | null;
  excerpt: string;
  concerns: string[];
  facilitated: boolean;
  onBehalfCount: number | null;
  joint: boolean;
  duplicateOf: string | null;
  copies: number;
  linkKinds: LinkKind[];
}

export const TRIAGE_PAGE = 50;

/** Characters of an input (and of its translation) shown in the triage queue. */
export const TRIAGE_EXCERPT = 400;

/**
 * One page of a consultation's inputs for triage, newest first, read from SQL (never from the Yjs docs),
 * with keyset paging on (created_at, id): a page costs the same at 50 or 50,000 inputs.
 */
export async function listTriageQueue(
  input: { consultationId: string; filter: TriageFilter; limit?: number },
  db: Db = pool,
): Promise<{ items: TriageItem[]; next: string | null }> {
  const f = input.filter;
  const limit = Math.min(input.limit ?? TRIAGE_PAGE, 200);
  const after = f.after ? f.after.split("_") : null;
  const rows = await db<(TriageItem & { cursor: string })[]>`
    select i.id, i.created_at, i.lang, i.kind, i.section_ref, left(i.body, ${TRIAGE_EXCERPT}) as excerpt, i.concerns,
      i.on_behalf_count is not null as facilitated, i.on_behalf_count, i.submission_id is not null as joint, i.duplicate_of,
      (select count(*)::int from inputs d where d.duplicate_of = i.id) as copies,
      (select coalesce(array_agg(distinct l.kind), '{}') from input_links l where l.input_id = i.id) as link_kinds,
      to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || i.id as cursor
    from inputs i
    where i.consultation_id = ${input.consultationId} and i.status = 'published'
      ${after ? db`and (i.created_at, i.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : db``}
      ${f.lang ? db`and i.lang = ${f.lang}` : db``}
      ${f.question ? db`and i.section_ref = ${f.question}` : db``}
      ${f.concern ? db`and ${f.concern} = any(i.concerns)` : db``}
      ${f.group ? db`and ${f.group}::uuid = any(i.affected_groups)` : db``}
      ${f.method === "direct" ? db`and i.on_behalf_count is null` : f.method === "facilitated" ? db`and i.on_behalf_count is not null` : db``}
      ${f.joint ? db`and i.submission_id is not null` : db``}
      ${
        // A scalar subquery, not NOT EXISTS: the planner would turn that into an anti-join over every link of
        // the consultation; this way each row is checked through the index only until the page is full.
        f.unprocessed ? db`and (select 1 from input_links l where l.input_id = i.id limit 1) is null` : db``
      }
      ${f.campaign ? db`and (i.duplicate_of is not null or exists (select 1 from inputs d where d.duplicate_of = i.id))` : db``}
    order by i.created_at desc, i.id desc
    limit ${limit + 1}`;
  const items = rows.slice(0, limit).map(({ cursor: _, ...r }) => r);
  return { items, next: rows.length > limit ? rows[limit - 1].cursor : null };
}

export interface TriageInput {
  id: string;
  consultationId: string;
  consultationSlug: string;
  createdAt: Date;
  lang: string;
  kind: string;
  sectionRef: string | null;
  body: string;
  concerns: string[];
  rights: string[];
  proposedMitigation: string;
  sevScale: number | null;
  sevScope: number | null;
  sevReversibility: number | null;
  sevLikelihood: number | null;
  facilitated: boolean;
  onBehalfCount: number | null;
  onBehalfMethod: string | null;
  joint: boolean;
  duplicateOf: string | null;
  status: string;
}

/** One input of the deployment for an analyst, or a 404 Response. */
export async function getTriageInput(input: { head: AssessmentHead; inputId: string }, db: Db = pool): Promise<TriageInput> {
  const [row] = await db<TriageInput[]>`
    select i.id, i.consultation_id, c.slug as consultation_slug, i.created_at, i.lang, i.kind, i.section_ref, i.body, i.concerns, i.rights,
      i.proposed_mitigation, i.sev_scale, i.sev_scope, i.sev_reversibility, i.sev_likelihood,
      i.on_behalf_count is not null as facilitated, i.on_behalf_count, i.on_behalf_method, i.submission_id is not null as joint,
      i.duplicate_of, i.status
    from inputs i join consultations c on c.id = i.consultation_id
    where i.id = ${input.inputId} and c.deployment_id = ${input.head.deploymentId}`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/** The triage links of one input, with the impact each points to. */
export async function listInputLinks(inputId: string, db: Db = pool) {
  return db<{ id: string; kind: LinkKind; note: string; impactNumber: number | null; impactTitle: string | null; createdAt: Date }[]>`
    select l.id, l.kind, l.note, m.number as impact_number, m.title as impact_title, l.created_at
    from input_links l left join impacts m on m.id = l.impact_id
    where l.input_id = ${inputId} order by l.created_at limit 50`;
}

/**
 * Inputs of the same deployment that say nearly the same thing (trigram similarity ≥ 0.3), most similar
 * first: a campaign or a shared point, handled as one cluster. The nearest 200 texts come from the GiST
 * index in distance order, so the cost stays bounded when thousands of inputs match. `consultationId`
 * keeps only that consultation's (answers are per consultation).
 */
export async function listSimilarInputs(input: { inputId: string; limit?: number; consultationId?: string }, db: Db = pool) {
  const [self] = await db<{ body: string; deploymentId: string }[]>`
    select i.body, c.deployment_id from inputs i join consultations c on c.id = i.consultation_id where i.id = ${input.inputId}`;
  if (!self || self.body.length < 20) return [];
  return db<{ id: string; excerpt: string; lang: string; similarity: number; processed: boolean }[]>`
    select o.id, left(o.body, 300) as excerpt, o.lang, round(similarity(o.body, ${self.body})::numeric, 2)::float8 as similarity,
      exists (select 1 from input_links l where l.input_id = o.id) as processed
    from (
      select id, body, lang, consultation_id, created_at from inputs
      where status = 'published' and id <> ${input.inputId}
      order by body <-> ${self.body} limit 200
    ) o join consultations c on c.id = o.consultation_id
    where c.deployment_id = ${self.deploymentId} and similarity(o.body, ${self.body}) >= 0.3
      ${input.consultationId ? db`and o.consultation_id = ${input.consultationId}` : db``}
    order by similarity(o.body, ${self.body}) desc, o.created_at
    limit ${Math.min(input.limit ?? 20, 100)}`;
}

// ---- Status, decision, approval and publication ----------------------------------------------------

/** Moves the working copy along its allowed manual moves (draft → consultation open → analysis …). */
export async function moveAssessment(input: { head: AssessmentHead; to: AssessmentStatus; actorId: string }, db: Sql = pool): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ status: AssessmentStatus }[]>`select status from assessments where id = ${input.head.id} for update`;
    if (!row) return refuse(404, "assessment:errors.notFound");
    if (!(manualMoves[row.status] ?? []).includes(input.to)) return refuse(409, "assessment:errors.move");
    await tx`update assessments set status = ${input.to}, updated_at = now() where id = ${input.head.id}`;
    await audit(tx, input.actorId, "move_assessment", "assessment", input.head.id, { from: row.status, to: input.to });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

export type StaleDecision = Refusal & { current: { conclusion: Conclusion | null; justification: string; revision: number } };

/** Records the conclusion and its justification, refusing a stale revision with the other version. */
export async function setDecision(
  input: { head: AssessmentHead; conclusion: Conclusion; justification: string; revision: number; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal | StaleDecision> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const [row] = await tx`
      update assessments set conclusion = ${input.conclusion}, justification = ${input.justification}, revision = revision + 1, updated_at = now()
      where id = ${input.head.id} and revision = ${input.revision} returning id`;
    if (!row) {
      const [current] = await tx<{ conclusion: Conclusion | null; justification: string; revision: number }[]>`
        select conclusion, justification, revision from assessments where id = ${input.head.id}`;
      return { ...refuse(409, "assessment:errors.staleDecision"), current };
    }
    await audit(tx, input.actorId, "set_assessment_decision", "assessment", input.head.id, { conclusion: input.conclusion });
    return { ok: true } as const;
  })) as Ok | Refusal | StaleDecision;
}

async function problemsOf(assessmentId: string, tx: Db): Promise<DecisionProblem[]> {
  const [a] = await tx<{ conclusion: Conclusion | null; justification: string }[]>`select conclusion, justification from assessments where id = ${assessmentId}`;
  const sections = Object.fromEntries((await listSections(assessmentId, tx)).map((s) => [s.key, s.body]));
  const impacts = (await listImpacts(assessmentId, tx)).map((i) => ({
    number: i.number,
    status: i.status,
    redLine: i.redLine,
    ratings: i,
    rationale: i.rationale,
    mitigations: i.mitigations,
  }));
  return decisionProblems({ conclusion: a.conclusion, justification: a.justification, sections, impacts });
}

/** What stops the working copy from going for approval now (empty when nothing does). */
export async function listDecisionProblems(assessmentId: string, db: Db = pool): Promise<DecisionProblem[]> {
  return problemsOf(assessmentId, db);
}

export type DecisionRefusal = Refusal & { problems?: DecisionProblem[] };

/** Sends the decision for approval, refusing with the problems while any remains; edits are frozen until it is decided. */
export async function submitForApproval(input: { head: AssessmentHead; actorId: string }, db: Sql = pool): Promise<Ok | DecisionRefusal> {
  return (await db.begin(async (tx) => {
    const locked = await lockEditable(input.head.id, tx);
    if (locked) return locked;
    const problems = await problemsOf(input.head.id, tx);
    if (problems.length) return { ...refuse(400, "assessment:errors.notReady"), problems };
    await tx`update assessments set status = 'approval', submitted_by = ${input.actorId}, submitted_at = now(), updated_at = now() where id = ${input.head.id}`;
    await audit(tx, input.actorId, "submit_assessment", "assessment", input.head.id);
    return { ok: true } as const;
  })) as Ok | DecisionRefusal;
}

/** Sends a decision awaiting approval back to analysis, with the approver's reason in the audit trail. */
export async function returnAssessment(input: { head: AssessmentHead; reason: string; actorId: string }, db: Sql = pool): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx`update assessments set status = 'analysis', updated_at = now() where id = ${input.head.id} and status = 'approval' returning id`;
    if (!row) return refuse(409, "assessment:errors.notAwaiting");
    await audit(tx, input.actorId, "return_assessment", "assessment", input.head.id, { reason: input.reason });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

/** The public snapshot of the working copy: what a version freezes. Inputs are ids only (the page reads what may be shown). */
async function snapshot(head: AssessmentHead, tx: Db): Promise<Omit<PublishedContent, "version" | "publishedAt">> {
  const [a] = await tx<{ conclusion: Conclusion; justification: string }[]>`select conclusion, justification from assessments where id = ${head.id}`;
  const sections = await listSections(head.id, tx);
  const impacts = await listImpacts(head.id, tx);
  const groups = new Map((await listAffectedGroups(head.deploymentId, tx)).map((g) => [g.id, g.name]));
  const links = await tx<{ impactId: string; inputId: string }[]>`
    select l.impact_id, l.input_id from input_links l join inputs i on i.id = l.input_id
    where l.assessment_id = ${head.id} and l.impact_id is not null and i.status = 'published'
    order by l.created_at limit 20000`;
  return {
    conclusion: a.conclusion,
    justification: a.justification,
    redLines: head.redLines,
    sections: sections.map((s) => ({ key: s.key, body: s.body, evidence: s.evidence })),
    impacts: impacts.map((i) => {
      const residual =
        i.residualScale === null
          ? null
          : { scale: i.residualScale, scope: i.residualScope!, reversibility: i.residualReversibility!, likelihood: i.residualLikelihood! };
      return {
        id: i.id,
        number: i.number,
        title: i.title,
        description: i.description,
        rights: i.rights,
        groups: i.groupIds.map((g) => groups.get(g)).filter((g): g is string => !!g),
        scale: i.scale,
        scope: i.scope,
        reversibility: i.reversibility,
        likelihood: i.likelihood,
        ...severityOf(i),
        rationale: i.rationale,
        residual: residual ? { ...residual, ...severityOf(residual), rationale: i.residualRationale } : null,
        redLine: i.redLine,
        status: i.status,
        closedReason: i.closedReason,
        inputIds: [...new Set(links.filter((l) => l.impactId === i.id).map((l) => l.inputId))],
        mitigations: i.mitigations.map((m) => ({
          id: m.id, level: m.level, description: m.description, owner: m.owner, dueOn: m.dueOn, status: m.status, isCondition: m.isCondition,
        })),
      };
    }),
  };
}

export interface PublishedImpact {
  id: string;
  number: number;
  title: string;
  description: string;
  rights: string[];
  groups: string[];
  scale: number;
  scope: number;
  reversibility: number;
  likelihood: number;
  score: number;
  severity: number;
  priority: number;
  rationale: Partial<Record<RatingDimension, string>>;
  residual: { scale: number; scope: number; reversibility: number; likelihood: number; score: number; severity: number; priority: number; rationale: string } | null;
  redLine: string | null;
  status: string;
  closedReason: string;
  inputIds: string[];
  mitigations: { id: string; level: string; description: string; owner: string; dueOn: string | null; status: string; isCondition: boolean }[];
}

export interface PublishedContent extends VersionContent {
  publishedAt: string;
  justification: string;
  redLines: RedLine[];
  sections: { key: SectionKey; body: string; evidence: SectionRow["evidence"] }[];
  impacts: PublishedImpact[];
}

/**
 * Approves the decision awaiting approval and publishes it as the next version. Only a second person may
 * approve: the one who sent it is refused (403). The checks run again, since the rules hold at publication.
 * Open review requests are resolved by the new version.
 */
export async function approveAndPublish(input: { head: AssessmentHead; actorId: string }, db: Sql = pool): Promise<Ok<{ version: number }> | DecisionRefusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ status: AssessmentStatus; submittedBy: string | null }[]>`
      select status, submitted_by from assessments where id = ${input.head.id} for update`;
    if (!row) return refuse(404, "assessment:errors.notFound");
    if (row.status !== "approval") return refuse(409, "assessment:errors.notAwaiting");
    if (!row.submittedBy || row.submittedBy === input.actorId) return refuse(403, "assessment:errors.selfApproval");
    const problems = await problemsOf(input.head.id, tx);
    if (problems.length) return { ...refuse(400, "assessment:errors.notReady"), problems };
    const [{ version }] = await tx<{ version: number }[]>`
      select coalesce(max(version), 0) + 1 as version from assessment_versions where assessment_id = ${input.head.id}`;
    const content = { version, publishedAt: new Date().toISOString(), ...(await snapshot(input.head, tx)) };
    await tx`
      insert into assessment_versions (assessment_id, version, conclusion, content, submitted_by, approved_by)
      values (${input.head.id}, ${version}, ${content.conclusion}, ${tx.json(content as never)}, ${row.submittedBy}, ${input.actorId})`;
    await tx`update assessments set status = 'published', review_reason = '', updated_at = now() where id = ${input.head.id}`;
    await tx`update assessment_review_requests set resolved_at = now() where deployment_id = ${input.head.deploymentId} and resolved_at is null`;
    // Those whose inputs fed this assessment are told it is published.
    await notify(
      {
        recipients: tx`
          select p.user_id from input_links l join inputs i on i.id = l.input_id join participations p on p.id = i.participation_id
          where l.assessment_id = ${input.head.id}`,
        kind: "assessment_published",
        params: { deployment: input.head.deploymentName, version },
        link: `/register/${input.head.deploymentSlug}/assessment`,
      },
      tx,
    );
    await audit(tx, input.actorId, "publish_assessment", "assessment", input.head.id, { version, conclusion: content.conclusion });
    return { ok: true, version } as const;
  })) as Ok<{ version: number }> | DecisionRefusal;
}

export interface VersionSummary {
  version: number;
  conclusion: Conclusion;
  publishedAt: Date;
}

export async function listAssessmentVersions(assessmentId: string, db: Db = pool): Promise<VersionSummary[]> {
  return db<VersionSummary[]>`
    select version, conclusion, published_at from assessment_versions where assessment_id = ${assessmentId} order by version desc limit 100`;
}

export interface PublicAssessment {
  deployment: { slug: string; name: string; lang: string; organisation: string };
  /** "under_review" when the working copy is being revised after publication (dossier change, monitoring). */
  status: "published" | "under_review";
  reviewReason: string;
  content: PublishedContent;
  previous: PublishedContent | null;
  versions: VersionSummary[];
}

/** A published version (the latest unless `version` is given) of a published deployment, or a 404 Response. */
export async function getPublishedAssessment(input: { slug: string; version?: number }, db: Db = pool): Promise<PublicAssessment> {
  const [row] = await db<{ id: string; status: AssessmentStatus; reviewReason: string; name: string; lang: string; organisation: string; latest: number | null }[]>`
    select a.id, a.status, a.review_reason, d.name, d.lang, o.name as organisation,
      (select max(version) from assessment_versions v where v.assessment_id = a.id) as latest
    from deployments d join organisations o on o.id = d.organisation_id join assessments a on a.deployment_id = d.id
    where d.slug = ${input.slug} and d.status = 'published'`;
  if (!row || row.latest === null) throw data(null, { status: 404 });
  const version = input.version ?? row.latest;
  const rows = await db<{ version: number; content: PublishedContent }[]>`
    select version, content from assessment_versions where assessment_id = ${row.id} and version in (${version}, ${version - 1})`;
  const current = rows.find((r) => r.version === version);
  if (!current) throw data(null, { status: 404 });
  return {
    deployment: { slug: input.slug, name: row.name, lang: row.lang, organisation: row.organisation },
    status: row.status === "published" ? "published" : "under_review",
    reviewReason: row.reviewReason,
    content: current.content,
    previous: rows.find((r) => r.version === version - 1)?.content ?? null,
    versions: await listAssessmentVersions(row.id, db),
  };
}

/** The published inputs behind the given ids, as the public may see them: text and language, never an author. */
export async function listPublicInputs(ids: string[], db: Db = pool) {
  if (!ids.length) return [];
  return db<{ id: string; excerpt: string; lang: string; consultationSlug: string; facilitated: boolean; joint: boolean }[]>`
    select i.id, left(i.body, 280) as excerpt, i.lang, c.slug as consultation_slug, i.on_behalf_count is not null as facilitated,
      i.submission_id is not null as joint
    from inputs i join consultations c on c.id = i.consultation_id
    where i.id = any(${ids.slice(0, 2000)}::uuid[]) and i.status = 'published' and c.status <> 'draft'
    limit 2000`;
}

// ---- Monitoring after deployment (003 pt3; 001 §47) ------------------------------------------------

export interface IndicatorRow {
  id: string;
  name: string;
  unit: string;
  direction: "above" | "below";
  threshold: number;
  cadenceDays: number;
  lastValue: number | null;
  lastObservedOn: string | null;
  lastBreached: boolean | null;
  dueOn: string | null;
}

export async function listIndicators(assessmentId: string, db: Db = pool): Promise<IndicatorRow[]> {
  return db<IndicatorRow[]>`
    select m.id, m.name, m.unit, m.direction, m.threshold::float8 as threshold, m.cadence_days,
      r.value::float8 as last_value, to_char(r.observed_on, 'YYYY-MM-DD') as last_observed_on, r.breached as last_breached,
      to_char(coalesce(r.observed_on, m.created_at::date) + m.cadence_days, 'YYYY-MM-DD') as due_on
    from monitoring_indicators m
    left join lateral (select value, observed_on, breached from monitoring_results where indicator_id = m.id order by observed_on desc, created_at desc limit 1) r on true
    where m.assessment_id = ${assessmentId} order by m.created_at limit 100`;
}

export async function addIndicator(
  input: { head: AssessmentHead; name: string; unit: string; direction: "above" | "below"; threshold: number; cadenceDays: number; actorId: string },
  db: Sql = pool,
): Promise<Ok | Refusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into monitoring_indicators (assessment_id, name, unit, direction, threshold, cadence_days, created_by)
      values (${input.head.id}, ${input.name}, ${input.unit}, ${input.direction}, ${input.threshold}, ${input.cadenceDays}, ${input.actorId})
      returning id`;
    await audit(tx, input.actorId, "add_indicator", "assessment", input.head.id, { indicatorId: row.id });
    return { ok: true } as const;
  })) as Ok | Refusal;
}

/** Whether a result crosses its indicator's threshold ("above": a value over it; "below": under it). */
export function isBreach(direction: "above" | "below", threshold: number, value: number): boolean {
  return direction === "above" ? value > threshold : value < threshold;
}

/**
 * Records a monitoring result. One past its threshold puts a published assessment under review and opens a
 * review request the leads see on the assessment (003 pt3; 001 §47).
 */
export async function recordResult(
  input: { head: AssessmentHead; indicatorId: string; value: number; observedOn: string; note: string; actorId: string },
  db: Sql = pool,
): Promise<Ok<{ breached: boolean }> | Refusal> {
  return (await db.begin(async (tx) => {
    const [ind] = await tx<{ direction: "above" | "below"; threshold: number; name: string }[]>`
      select direction, threshold::float8 as threshold, name from monitoring_indicators where id = ${input.indicatorId} and assessment_id = ${input.head.id}`;
    if (!ind) return refuse(404, "assessment:errors.notFound");
    const breached = isBreach(ind.direction, ind.threshold, input.value);
    await tx`insert into monitoring_results (indicator_id, value, observed_on, note, breached, entered_by)
      values (${input.indicatorId}, ${input.value}, ${input.observedOn}, ${input.note}, ${breached}, ${input.actorId})`;
    if (breached) {
      await tx`insert into assessment_review_requests (deployment_id, changed_fields, reason, indicator_id)
        values (${input.head.deploymentId}, '{}', 'monitoring', ${input.indicatorId})`;
      await tx`update assessments set status = 'under_review', review_reason = ${`monitoring:${ind.name}`.slice(0, 1000)}, updated_at = now()
        where id = ${input.head.id} and status = 'published'`;
    }
    await audit(tx, input.actorId, "record_monitoring_result", "assessment", input.head.id, { indicatorId: input.indicatorId, breached });
    return { ok: true, breached } as const;
  })) as Ok<{ breached: boolean }> | Refusal;
}

/** Open review requests of the deployment (dossier changes and breached indicators), newest first. */
export async function listReviewRequests(deploymentId: string, db: Db = pool) {
  return db<{ id: string; reason: "dossier_change" | "monitoring"; dossierVersion: number | null; changedFields: string[]; indicatorName: string | null; createdAt: Date }[]>`
    select r.id, r.reason, r.dossier_version, r.changed_fields, m.name as indicator_name, r.created_at
    from assessment_review_requests r left join monitoring_indicators m on m.id = r.indicator_id
    where r.deployment_id = ${deploymentId} and r.resolved_at is null order by r.created_at desc limit 50`;
}

/** Deployments whose assessment this person can open, with its status, for the staff list. */
export async function listAssessmentsForStaff(input: { organisationIds: string[] | null }, db: Db = pool) {
  return db<{ slug: string; name: string; status: AssessmentStatus | null; latestVersion: number | null }[]>`
    select d.slug, d.name, a.status, (select max(version) from assessment_versions v where v.assessment_id = a.id) as latest_version
    from deployments d left join assessments a on a.deployment_id = d.id
    where ${input.organisationIds === null ? db`true` : db`d.organisation_id = any(${input.organisationIds}::uuid[])`}
    order by d.updated_at desc limit 200`;
}

/**
 * DESIGN.md contract: `/register/<slug>/assessment.json`, the latest published version (schema in
 * docs/assessment.schema.json). Inputs are ids only; the public page shows what each one said.
 */
export function assessmentJson(pub: PublicAssessment) {
  const c = pub.content;
  return {
    deployment: pub.deployment.slug,
    version: c.version,
    status: pub.status,
    conclusion: c.conclusion,
    justification: c.justification,
    publishedAt: c.publishedAt,
    sections: c.sections.map((s) => ({
      key: s.key,
      body: s.body,
      evidence: s.evidence.map((e) => ({
        source: e.source,
        dated: e.dated,
        url: e.url,
        file: e.attachmentId ? `/register/${pub.deployment.slug}/files/${e.attachmentId}` : null,
      })),
    })),
    impacts: c.impacts.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      description: i.description,
      rights: i.rights,
      groups: i.groups,
      scale: i.scale,
      scope: i.scope,
      reversibility: i.reversibility,
      likelihood: i.likelihood,
      severity: i.severity,
      priority: i.priority,
      rationale: i.rationale,
      residual: i.residual,
      redLine: i.redLine,
      status: i.status,
      inputIds: i.inputIds,
      mitigations: i.mitigations,
    })),
  };
}

/** The impacts and their links as CSV: one row per impact and input behind it (an impact with none has one row). */
export function assessmentCsv(pub: PublicAssessment): string {
  const head = [
    "version", "impact", "title", "rights", "groups", "scale", "scope", "reversibility", "likelihood", "severity", "priority",
    "redLine", "status", "conditions", "inputId",
  ];
  const lines = [head.join(",")];
  for (const i of pub.content.impacts) {
    const base = [
      pub.content.version, i.number, i.title, i.rights.join(" "), i.groups.join("; "), i.scale, i.scope, i.reversibility, i.likelihood,
      i.severity, i.priority, i.redLine ?? "", i.status, i.mitigations.filter((m) => m.isCondition).length,
    ];
    for (const inputId of i.inputIds.length ? i.inputIds : [""]) lines.push([...base, inputId].map(csvCell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** The next input after this one in queue order (newest first) that has no triage link yet; null at the end. */
export async function findNextUnprocessed(input: { consultationId: string; createdAt: Date; id: string }, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ id: string }[]>`
    select i.id from inputs i
    where i.consultation_id = ${input.consultationId} and i.status = 'published' and (i.created_at, i.id) < (${input.createdAt}, ${input.id}::uuid)
      and (select 1 from input_links l where l.input_id = i.id limit 1) is null
    order by i.created_at desc, i.id desc limit 1`;
  return row?.id ?? null;
}

/** The latest published version's summary for a deployment's public pages; null before the first. */
export async function findAssessmentSummary(deploymentId: string, db: Db = pool) {
  const [row] = await db<{ version: number; conclusion: Conclusion; publishedAt: Date; status: AssessmentStatus }[]>`
    select v.version, v.conclusion, v.published_at, a.status
    from assessments a join assessment_versions v on v.assessment_id = a.id
    where a.deployment_id = ${deploymentId} order by v.version desc limit 1`;
  return row ? { ...row, status: row.status === "published" ? ("published" as const) : ("under_review" as const) } : null;
}

/** Open review requests of the deployments in `organisationIds` (null: all), newest first, for the staff home page. */
export async function listOpenReviewRequests(input: { organisationIds: string[] | null }, db: Db = pool) {
  return db<{ slug: string; name: string; reason: "dossier_change" | "monitoring"; createdAt: Date }[]>`
    select d.slug, d.name, r.reason, r.created_at
    from assessment_review_requests r join deployments d on d.id = r.deployment_id
    where r.resolved_at is null ${input.organisationIds === null ? db`` : db`and d.organisation_id = any(${input.organisationIds}::uuid[])`}
    order by r.created_at desc limit 20`;
}

/** The impacts of a deployment's assessment (number and title), for pages that point to them. */
export async function listDeploymentImpacts(deploymentId: string, db: Db = pool) {
  return db<{ id: string; number: number; title: string }[]>`
    select m.id, m.number, m.title from impacts m join assessments a on a.id = m.assessment_id
    where a.deployment_id = ${deploymentId} order by m.number limit ${MAX_IMPACTS}`;
}
