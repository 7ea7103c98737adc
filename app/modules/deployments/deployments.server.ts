import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { isHighRisk, materialChanges, missingForPublication, redLineConflicts, searchText } from "./rules";
import { DossierSchema, emptyDossier, type Dossier, type RegisterFilter } from "./schema";

export interface DeploymentRow {
  id: string;
  slug: string;
  organisationId: string;
  organisationName: string;
  name: string;
  purpose: string;
  sector: string;
  lifecycleStage: string;
  operationalStatus: string;
  highRisk: boolean;
  status: "draft" | "published" | "withdrawn";
  publishedVersion: number | null;
  publishedAt: Date | null;
  updatedAt: Date;
  lang: string;
}

const deploymentColumns = (db: Db) => db`
  d.id, d.slug, d.organisation_id, o.name as organisation_name, d.name, d.purpose, d.sector, d.lifecycle_stage,
  d.operational_status, d.high_risk, d.status, d.published_version, d.published_at, d.updated_at, d.lang`;

/**
 * Creates a deployment with an empty draft dossier, owned by an organisation. Refuses a slug in use (409).
 */
export async function createDeployment(
  input: { name: string; slug: string; organisationId: string; sector: Dossier["identity"]["sector"]; actorId: string },
  db: Sql = pool,
): Promise<{ ok: true; id: string } | Refusal> {
  const draft = emptyDossier();
  draft.identity.name = input.name;
  draft.identity.sector = input.sector;
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into deployments (slug, organisation_id, name, purpose, sector, lifecycle_stage, status, draft)
      values (${input.slug}, ${input.organisationId}, ${input.name}, '', ${input.sector}, 'design', 'draft', ${tx.json(draft as never)})
      on conflict (slug) do nothing
      returning id`;
    if (!row) return { ok: false, status: 409, error: "dossier:errors.slugTaken" } as const;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.actorId}, 'create_deployment', 'deployment', ${row.id})`;
    return { ok: true, id: row.id } as const;
  })) as { ok: true; id: string } | Refusal;
}

/** The deployment and its draft for the staff editor, or a 404 Response. */
export async function getDeploymentForEditing(slug: string, db: Db = pool): Promise<DeploymentRow & { draft: Dossier }> {
  const [row] = await db<(DeploymentRow & { draft: unknown })[]>`
    select ${deploymentColumns(db)}, d.draft
    from deployments d join organisations o on o.id = d.organisation_id
    where d.slug = ${slug}`;
  if (!row) throw data(null, { status: 404 });
  // A draft saved by an older version of the form is read leniently: missing fields take their defaults.
  const parsed = DossierSchema.safeParse(row.draft);
  return { ...row, draft: parsed.success ? parsed.data : emptyDossier() };
}

/** Saves the draft dossier (never visible to the public until published). */
export async function saveDraft(input: { deploymentId: string; dossier: Dossier; actorId: string | null }, db: Db = pool): Promise<void> {
  await db`
    update deployments set draft = ${db.json(input.dossier as never)}, updated_at = now()
    where id = ${input.deploymentId}`;
  await db`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.actorId}, 'save_dossier_draft', 'deployment', ${input.deploymentId})`;
}

export type PublishRefusal = Refusal & { fieldErrors?: Record<string, string[]> };

/**
 * Publishes the draft as the next version, with its change summary (001 §32, §65(i)). Refuses, writing
 * nothing, a dossier missing a required field or contradicting one of its own red lines (001 §16, §64).
 * A material change asks for a review of the impact assessment (001 §43).
 */
export async function publishDossier(
  input: { deploymentId: string; changeSummary: string; actorId: string | null },
  db: Sql = pool,
): Promise<{ ok: true; version: number; materialChanges: string[] } | PublishRefusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ draft: unknown; publishedVersion: number | null }[]>`
      select draft, published_version from deployments where id = ${input.deploymentId} for update`;
    if (!row) return { ok: false, status: 404, error: "dossier:errors.notFound" } as const;
    const parsed = DossierSchema.safeParse(row.draft);
    if (!parsed.success) return { ok: false, status: 400, error: "dossier:errors.draftInvalid" } as const;
    const dossier = parsed.data;
    const fieldErrors: Record<string, string[]> = {};
    for (const path of missingForPublication(dossier)) fieldErrors[path] = ["dossier:errors.requiredToPublish"];
    for (const c of redLineConflicts(dossier)) (fieldErrors[c.field] ??= []).push(`dossier:errors.redLine.${c.redLine}`);
    if (Object.keys(fieldErrors).length) return { ok: false, status: 400, error: "dossier:errors.cannotPublish", fieldErrors } as const;

    const version = (row.publishedVersion ?? 0) + 1;
    const [previous] = await tx<{ content: Dossier }[]>`
      select content from dossier_versions where deployment_id = ${input.deploymentId} and version = ${version - 1}`;
    const changed = materialChanges(previous ? DossierSchema.parse(previous.content) : null, dossier);
    await tx`
      insert into dossier_versions (deployment_id, version, content, change_summary, material_change, published_by)
      values (${input.deploymentId}, ${version}, ${tx.json(dossier as never)}, ${input.changeSummary}, ${changed.length > 0}, ${input.actorId})`;
    await tx`
      update deployments set
        name = ${dossier.identity.name}, purpose = ${dossier.purpose.purpose}, sector = ${dossier.identity.sector},
        lifecycle_stage = ${dossier.identity.lifecycleStage}, operational_status = ${dossier.identity.status},
        high_risk = ${isHighRisk(dossier)}, status = 'published', published_version = ${version},
        published_at = now(), updated_at = now(), search = to_tsvector('simple', ${searchText(dossier)})
      where id = ${input.deploymentId}`;
    if (changed.length) {
      await tx`
        insert into assessment_review_requests (deployment_id, dossier_version, changed_fields)
        values (${input.deploymentId}, ${version}, ${changed})`;
      // A published assessment no longer describes the system: it is under review until a new version (001 §43).
      await tx`
        update assessments set status = 'under_review', review_reason = 'dossier_change', updated_at = now()
        where deployment_id = ${input.deploymentId} and status = 'published'`;
    }
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'publish_dossier', 'deployment', ${input.deploymentId}, ${tx.json({ version, materialChanges: changed })})`;
    return { ok: true, version, materialChanges: changed } as const;
  })) as { ok: true; version: number; materialChanges: string[] } | PublishRefusal;
}

export interface PublishedDossier {
  deployment: DeploymentRow;
  version: number;
  content: Dossier;
  changeSummary: string;
  publishedAt: Date;
}

/** A published version of a deployment's dossier (the latest unless `version` is given), or a 404 Response. */
export async function getPublishedDossier(input: { slug: string; version?: number }, db: Db = pool): Promise<PublishedDossier> {
  const [row] = await db<(DeploymentRow & { version: number; content: unknown; changeSummary: string; versionPublishedAt: Date })[]>`
    select ${deploymentColumns(db)}, v.version, v.content, v.change_summary, v.published_at as version_published_at
    from deployments d
    join organisations o on o.id = d.organisation_id
    join dossier_versions v on v.deployment_id = d.id and v.version = ${input.version ?? db`d.published_version`}
    where d.slug = ${input.slug} and d.status = 'published'`;
  if (!row) throw data(null, { status: 404 });
  const { version, content, changeSummary, versionPublishedAt, ...deployment } = row;
  return { deployment, version, content: DossierSchema.parse(content), changeSummary, publishedAt: versionPublishedAt };
}

export interface VersionSummary {
  version: number;
  changeSummary: string;
  materialChange: boolean;
  publishedAt: Date;
}

/** The publication history of a deployment, newest first (bounded). */
export async function listVersions(input: { deploymentId: string; limit?: number }, db: Db = pool): Promise<VersionSummary[]> {
  return db<VersionSummary[]>`
    select version, change_summary, material_change, published_at from dossier_versions
    where deployment_id = ${input.deploymentId}
    order by version desc limit ${Math.min(input.limit ?? 100, 500)}`;
}

export interface RegisterRow extends DeploymentRow {
  openConsultations: number;
}

/**
 * One page of the public register: published deployments matching the filters, newest publication
 * first. Returns one row more than `limit` when there is a next page. Search is PostgreSQL full-text
 * over every language of the dossier.
 */
export async function listRegister(filter: RegisterFilter, input: { limit?: number } = {}, db: Db = pool): Promise<RegisterRow[]> {
  const limit = Math.min(input.limit ?? 25, 100);
  const offset = ((filter.page ?? 1) - 1) * limit;
  return db<RegisterRow[]>`
    select ${deploymentColumns(db)},
      (select count(*)::int from consultations c where c.deployment_id = d.id and c.status = 'open'
         and (c.closes_at is null or c.closes_at > now())) as open_consultations
    from deployments d join organisations o on o.id = d.organisation_id
    where d.status = 'published'
      ${filter.q ? db`and d.search @@ websearch_to_tsquery('simple', ${filter.q})` : db``}
      ${filter.organisation ? db`and d.organisation_id = ${filter.organisation}` : db``}
      ${filter.sector ? db`and d.sector = ${filter.sector}` : db``}
      ${filter.status ? db`and d.operational_status = ${filter.status}` : db``}
      ${filter.stage ? db`and d.lifecycle_stage = ${filter.stage}` : db``}
      ${filter.highRisk ? db`and d.high_risk` : db``}
      ${filter.open ? db`and exists (select 1 from consultations c where c.deployment_id = d.id and c.status = 'open' and (c.closes_at is null or c.closes_at > now()))` : db``}
    order by d.published_at desc nulls last, d.id
    limit ${limit + 1} offset ${offset}`;
}

/** Organisations that have published at least one deployment, for the register's filter (bounded). */
export async function listRegisterOrganisations(db: Db = pool): Promise<{ id: string; name: string }[]> {
  return db<{ id: string; name: string }[]>`
    select o.id, o.name from organisations o
    where exists (select 1 from deployments d where d.organisation_id = o.id and d.status = 'published')
    order by o.name limit 500`;
}

export interface RegisterExportRow {
  slug: string;
  name: string;
  organisation: string;
  purpose: string;
  sector: string;
  lifecycleStage: string;
  highRisk: boolean;
  status: string;
  dossierVersion: number;
  consultations: { slug: string; title: string; status: string }[];
  assessment: { version: number; status: "published" | "under_review"; conclusion: string; publishedAt: string; impacts: number } | null;
  updatedAt: Date;
}

/**
 * The open-data export (DESIGN.md contract "open data"), one page in slug order after `after`. The
 * assessment summary is null until the impact-assessment issue (#7) fills it.
 */
export async function exportRegister(input: { after?: string; limit?: number } = {}, db: Db = pool): Promise<RegisterExportRow[]> {
  const limit = Math.min(input.limit ?? 500, 1000);
  return db<RegisterExportRow[]>`
    select d.slug, d.name, o.name as organisation, d.purpose, d.sector, d.lifecycle_stage, d.high_risk,
      d.operational_status as status, d.published_version as dossier_version,
      coalesce((select json_agg(json_build_object('slug', c.slug, 'title', c.title, 'status', c.status) order by c.created_at)
                from (select * from consultations c where c.deployment_id = d.id and c.status <> 'draft' order by c.created_at limit 50) c), '[]'::json) as consultations,
      (select json_build_object('version', v.version, 'status', case when a.status = 'published' then 'published' else 'under_review' end,
                'conclusion', v.conclusion, 'publishedAt', v.published_at, 'impacts', jsonb_array_length(v.content -> 'impacts'))
       from assessments a join assessment_versions v on v.assessment_id = a.id
       where a.deployment_id = d.id order by v.version desc limit 1) as assessment,
      d.updated_at
    from deployments d join organisations o on o.id = d.organisation_id
    where d.status = 'published' ${input.after ? db`and d.slug > ${input.after}` : db``}
    order by d.slug limit ${limit}`;
}

/** Deployments of the given organisations (null: all), for the staff list (bounded). */
export async function listDeploymentsForStaff(input: { organisationIds: string[] | null; limit?: number }, db: Db = pool): Promise<DeploymentRow[]> {
  if (input.organisationIds && input.organisationIds.length === 0) return [];
  return db<DeploymentRow[]>`
    select ${deploymentColumns(db)} from deployments d join organisations o on o.id = d.organisation_id
    ${input.organisationIds ? db`where d.organisation_id in ${db(input.organisationIds)}` : db``}
    order by d.updated_at desc limit ${Math.min(input.limit ?? 100, 500)}`;
}
