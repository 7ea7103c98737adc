import { data } from "@remix-run/node";
import { sql as pool, type Db } from "../../../db/client";
import { catalogueRightIds } from "../assessment/constants";
import { listQuestionCodes } from "../consultations/briefing.server";
import { readCounts, type ConsultationCounts } from "../consultations/counts.server";
import { concernTags, proxyMethods } from "../inputs/constants";
import type { ResponseDecision } from "../responses/constants";
import { responseDecisions } from "../responses/constants";
import { coverageOf, type AnswerTranslations, type Coverage } from "../responses/responses.server";
import { cellOf, MIN_COUNT, subtotalOf, suppressTable, type Cell, type ConclusionCode } from "./rules";

// The consultation report (issue #8; 000 §57(e); 001 §44, §65(l)): who took part, the themes, the answer
// to every input and what the consultation changed in the impact assessment. Generated from the records on
// every request, never retyped. It reads only counts and what is already public: no author name, pseudonym
// or contact, no text of an input beyond the short excerpt the responses page shows, and every count of
// people or inputs under MIN_COUNT hidden by the rules in rules.ts.

/** Rows of the response table on the page and in report.json; the rest are in responses.json. */
export const REPORT_ROWS = 1000;
/** Characters of an input shown in the response table (the responses page shows 280; a table needs less). */
/** Characters of an input shown in the answer table (and of its translations in report.json). */
export const EXCERPT = 160;

export interface ReportConsultation {
  id: string;
  slug: string;
  title: string;
  lang: string;
  status: string;
  deploymentId: string;
  deploymentSlug: string;
  /** Whether the deployment's register entry (and so its published assessment) is public. */
  deploymentPublished: boolean;
  /** When it opened: `opens_at`, or when it was created if no opening date was ever set. */
  openedAt: Date;
  closesAt: Date | null;
}

export type DirectMethod = "individual" | "joint";
export type MethodRow<M extends string> = { method: M; inputs: Cell; people: Cell };

export interface Participation {
  /** Published inputs. */
  inputs: Cell;
  /** People who published an input under their own pseudonym (each counted once). */
  participants: Cell;
  /** Groups (unions, coalitions) that published a joint submission. */
  groups: Cell;
  /** People facilitators spoke for: the sum of `onBehalfOf.count` of the published proxy inputs. */
  peopleHeardOffline: Cell;
  byLanguage: { lang: string; inputs: Cell }[];
  byMethod: {
    direct: { inputs: Cell; methods: MethodRow<DirectMethod>[] };
    facilitated: { inputs: Cell; people: Cell; methods: MethodRow<(typeof proxyMethods)[number]>[] };
  };
  /** Participants (as above) who said they belong to each of the consultation's target groups. */
  selfIdentifiedGroups: { name: string; participants: Cell }[];
}

export type TargetKey = `question:${string}` | "section" | "whole" | "reply";

export interface Themes {
  byQuestion: { target: TargetKey; code: string | null; prompt: string | null; inputs: Cell }[];
  byConcern: { concern: string; inputs: Cell }[];
  byRight: { right: string; inputs: Cell }[];
}

export interface ReportResponseRow {
  inputId: string;
  responseId: string;
  excerpt: string;
  /** The input is longer than the excerpt. */
  clipped: boolean;
  inputLang: string;
  decision: ResponseDecision;
  reason: string;
  lang: string;
  respondedAt: Date;
  impacts: { id: string; number: number; title: string }[];
}

export interface ReportResponses {
  coverage: Coverage;
  byDecision: Record<ResponseDecision, number>;
  rows: ReportResponseRow[];
  /** More answered inputs than REPORT_ROWS: the rest are in responses.json. */
  truncated: boolean;
}

export interface VersionRef {
  version: number;
  conclusion: ConclusionCode;
  publishedAt: Date;
}

export interface AssessmentChanges {
  /** The latest version published before the consultation opened, if any. */
  before: VersionRef | null;
  /** The latest published version, if it was published since the consultation opened. */
  after: VersionRef | null;
  newHarms: { id: string; number: number; title: string }[];
  ratingsChanged: number;
  mitigationsAdopted: { id: string; impactId: string; impactNumber: number; level: string; description: string; isCondition: boolean }[];
}

export interface ConsultationReport {
  consultation: ReportConsultation;
  generatedAt: Date;
  participation: Participation;
  themes: Themes;
  responses: ReportResponses;
  /** Null when the deployment has no published impact assessment at all. */
  assessment: AssessmentChanges | null;
}

function consultationColumns(db: Db) {
  return db`
    select c.id, c.slug, c.title, c.lang, c.status, c.deployment_id, d.slug as deployment_slug, d.status = 'published' as deployment_published,
      coalesce(c.opens_at, c.created_at) as opened_at, c.closes_at
    from consultations c join deployments d on d.id = c.deployment_id`;
}

/** The consultation a report is about, by slug, if it is public (not a draft); a 404 Response otherwise. */
export async function getReportConsultation(slug: string, db: Db = pool): Promise<ReportConsultation> {
  const [row] = await db<ReportConsultation[]>`${consultationColumns(db)} where c.slug = ${slug} and c.status <> 'draft'`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/**
 * Builds the report of a public consultation from its records (throws a 404 Response for an unknown or
 * draft one). Counts cover published inputs only; hidden and withdrawn ones are not counted.
 */
export async function buildConsultationReport(consultationId: string, db: Db = pool): Promise<ConsultationReport> {
  const [consultation] = await db<ReportConsultation[]>`${consultationColumns(db)} where c.id = ${consultationId} and c.status <> 'draft'`;
  if (!consultation) throw data(null, { status: 404 });
  // The counts are kept as the records change (0024_consultation_counts.sql): one read of a few dozen rows,
  // however many inputs there are.
  const counts = await readCounts(consultation.id, db);
  const participation = await countParticipation(consultation.id, counts, db);
  const { themes, totalHidden } = await countThemes(consultation.id, counts, db);
  // Every inputs table adds up to the same total, shown once: hidden if any of those tables had to hide it.
  if (totalHidden) participation.inputs = { value: null, suppressed: true };
  const responses = await listReportResponses(consultation.id, counts, db);
  const assessment = consultation.deploymentPublished ? await findAssessmentChanges(consultation, db) : null;
  return { consultation, generatedAt: new Date(), participation, themes, responses, assessment };
}

async function countParticipation(consultationId: string, counts: ConsultationCounts, db: Db): Promise<Participation> {
  const languages = counts.all("lang").map(({ key, n }) => ({ lang: key, n }));
  // Each published input came in one way: written by a person, a section of a group's joint submission, or
  // entered by a facilitator (with the method and how many people it speaks for).
  const methods = counts.all("method").map(({ key, n }) => ({ method: key, n, people: counts.of("people", key) }));
  // The groups whose latest submitted version with a published section is counted: a few rows per group,
  // found from the groups, whatever the number of inputs.
  const [joint] = await db<{ groups: number; endorsements: number }[]>`
    with joint as (
      select distinct on (s.group_id) s.group_id, s.endorsements
      from joint_submissions s join groups g on g.id = s.group_id
      where g.consultation_id = ${consultationId}
        and exists (select 1 from inputs i where i.submission_id = s.id and i.status = 'published')
      order by s.group_id, s.version desc)
    select count(*)::int as groups, coalesce(sum(endorsements), 0)::int as endorsements from joint`;
  const people = { participants: counts.of("participants"), ...joint };
  const groups = (
    await db<{ id: string; name: string }[]>`
      select id, name from target_groups where consultation_id = ${consultationId} order by position limit 100`
  ).map((g) => ({ name: g.name, n: counts.of("group", g.id) }));

  const count = (m: string) => methods.find((r) => r.method === m);
  // One additive table of inputs by how they came in (the cells add up to the published inputs): the
  // direct and facilitated subtotals are derived from it, so they cannot undo its suppression.
  const methodKeys = ["individual", "joint", ...proxyMethods] as const;
  const inputs = suppressTable(methodKeys.map((m) => count(m)?.n ?? 0));
  const byKey = new Map(methodKeys.map((m, i) => [m, inputs.cells[i]]));
  // The people facilitators spoke for, one additive column over the proxy methods.
  const offline = suppressTable(proxyMethods.map((m) => count(m)?.people ?? 0));
  const direct: MethodRow<DirectMethod>[] = [
    { method: "individual", inputs: byKey.get("individual")!, people: cellOf(people.participants) },
    // A joint submission speaks for the members who endorsed its text (its latest published version).
    { method: "joint", inputs: byKey.get("joint")!, people: cellOf(people.endorsements) },
  ];
  const facilitated = proxyMethods.map((m, i) => ({ method: m, inputs: byKey.get(m)!, people: offline.cells[i] }));
  const langs = suppressTable(languages.map((r) => r.n));
  return {
    // The same total as every inputs table; hidden if any of them had to hide it (see buildConsultationReport).
    inputs: inputs.total.suppressed || langs.total.suppressed ? { value: null, suppressed: true } : inputs.total,
    participants: cellOf(people.participants),
    groups: cellOf(people.groups),
    peopleHeardOffline: offline.total,
    byLanguage: languages.map((r, i) => ({ lang: r.lang, inputs: langs.cells[i] })),
    byMethod: {
      direct: { inputs: subtotalOf(direct.map((r) => r.inputs)), methods: direct },
      facilitated: { inputs: subtotalOf(facilitated.map((r) => r.inputs)), people: offline.total, methods: facilitated },
    },
    // A person may say they belong to several groups, or none: no total, so only the small counts are hidden.
    selfIdentifiedGroups: groups.map((g) => ({ name: g.name, participants: cellOf(g.n) })),
  };
}

async function countThemes(consultationId: string, counts: ConsultationCounts, db: Db): Promise<{ themes: Themes; totalHidden: boolean }> {
  const targets = counts.all("target").map(({ key }) => key as TargetKey);
  const questions = await listQuestionCodes(consultationId, db);
  // Questions in their order, then anything answered to a question no longer asked, then the rest.
  const keys: TargetKey[] = [
    ...questions.map((q) => `question:${q.code}` as const),
    ...targets.filter((k) => k.startsWith("question:") && !questions.some((q) => `question:${q.code}` === k)),
    "section",
    "whole",
    "reply",
  ];
  const byTarget = suppressTable(keys.map((k) => counts.of("target", k)));
  // An input may carry several concerns and rights, or none: these do not add up to a total, so only the
  // small counts are hidden.
  const themes: Themes = {
    byQuestion: keys.map((target, i) => {
      const code = target.startsWith("question:") ? target.slice(9) : null;
      return { target, code, prompt: code ? (questions.find((q) => q.code === code)?.prompt ?? null) : null, inputs: byTarget.cells[i] };
    }),
    byConcern: concernTags.map((concern) => ({ concern, inputs: cellOf(counts.of("concern", concern)) })),
    // Only the rights someone named, in the catalogue's order.
    byRight: catalogueRightIds.filter((right) => counts.of("right", right) > 0).map((right) => ({ right, inputs: cellOf(counts.of("right", right)) })),
  };
  return { themes, totalHidden: byTarget.total.suppressed };
}

async function listReportResponses(consultationId: string, counts: ConsultationCounts, db: Db): Promise<ReportResponses> {
  const coverage = coverageOf(counts);
  const decisions = counts.all("decision").map(({ key, n }) => ({ decision: key as ResponseDecision, n }));
  // Newest answer first, as responses.json pages them: the rows after these are its next pages. The decision
  // counts are not suppressed: each answer is public, one by one, on the responses page.
  const rows = await db<ReportResponseRow[]>`
    select r.input_id, r.id as response_id, left(i.body, ${EXCERPT}) as excerpt, length(i.body) > ${EXCERPT} as clipped, i.lang as input_lang, r.decision, r.reason, r.lang, r.responded_at,
      coalesce((select json_agg(json_build_object('id', m.id, 'number', m.number, 'title', m.title) order by m.number)
                from response_impacts ri join impacts m on m.id = ri.impact_id where ri.response_id = r.id), '[]'::json) as impacts
    from responses r join inputs i on i.id = r.input_id
    where r.consultation_id = ${consultationId} and i.status = 'published'
    order by r.responded_at desc, r.id desc limit ${REPORT_ROWS + 1}`;
  const byDecision = Object.fromEntries(responseDecisions.map((d) => [d, decisions.find((r) => r.decision === d)?.n ?? 0])) as Record<ResponseDecision, number>;
  return { coverage, byDecision, rows: rows.slice(0, REPORT_ROWS), truncated: rows.length > REPORT_ROWS };
}

interface PublishedImpactLite {
  id: string;
  number: number;
  title: string;
  mitigations: { id: string; level: string; description: string; status: string; isCondition: boolean }[];
}

/**
 * What the consultation changed in the assessment, as the public record has it: the latest published
 * version, and only what was recorded up to its publication (work on the unpublished working copy is not
 * public yet, so it is not counted). An input "of this consultation" is any of its inputs, whatever became
 * of it later: a hidden input may still have changed a rating.
 * - New harms: impacts of that version linked from one of the consultation's inputs as a new harm.
 * - Ratings changed: the distinct ratings (impact, inherent or residual, dimension) of that version whose
 *   history records a change from an earlier value caused by one of its inputs. An impact's first ratings
 *   are not changes (they come with a new harm).
 * - Mitigations adopted: mitigations in that version, not dropped, on an impact the consultation touched
 *   (linked from one of its inputs in triage, or re-rated because of one), and created after the
 *   consultation opened, or changed between its opening and the version's publication.
 * - The conclusion before (the latest version published before it opened) and after (the latest version,
 *   if published since).
 */
async function findAssessmentChanges(c: ReportConsultation, db: Db): Promise<AssessmentChanges | null> {
  const [latest] = await db<(VersionRef & { assessmentId: string; impacts: PublishedImpactLite[] })[]>`
    select v.assessment_id, v.version, v.conclusion, v.published_at, coalesce(v.content -> 'impacts', '[]'::jsonb) as impacts
    from assessment_versions v join assessments a on a.id = v.assessment_id
    where a.deployment_id = ${c.deploymentId} order by v.version desc limit 1`;
  if (!latest) return null;
  const [before] = await db<VersionRef[]>`
    select version, conclusion, published_at from assessment_versions
    where assessment_id = ${latest.assessmentId} and published_at < ${c.openedAt} order by version desc limit 1`;
  const after = latest.publishedAt >= c.openedAt ? { version: latest.version, conclusion: latest.conclusion, publishedAt: latest.publishedAt } : null;
  const empty = { before: before ?? null, after, newHarms: [], ratingsChanged: 0, mitigationsAdopted: [] };
  if (!after) return empty;
  // The snapshot's keys are camelCase already, so the camel transform leaves them as they are.
  const impacts = latest.impacts;
  const impactIds = impacts.map((i) => i.id);
  if (!impactIds.length) return empty;
  const until = latest.publishedAt;

  const links = await db<{ impactId: string; kind: string }[]>`
    select distinct l.impact_id, l.kind from input_links l join inputs i on i.id = l.input_id
    where l.assessment_id = ${latest.assessmentId} and i.consultation_id = ${c.id} and l.impact_id = any(${impactIds}::uuid[])
      and l.created_at <= ${until}`;
  const changes = await db<{ impactId: string; changed: boolean }[]>`
    select distinct r.impact_id, r.from_value is not null as changed, r.phase, r.dimension from impact_rating_changes r
    where r.impact_id = any(${impactIds}::uuid[]) and r.created_at <= ${until}
      and exists (select 1 from inputs i where i.id = any(r.input_ids) and i.consultation_id = ${c.id})`;
  const newHarmIds = new Set(links.filter((l) => l.kind === "new_harm").map((l) => l.impactId));
  const touched = new Set([...links.map((l) => l.impactId), ...changes.map((r) => r.impactId)]);
  const published = impacts.filter((i) => touched.has(i.id)).flatMap((i) => i.mitigations.filter((m) => m.status !== "dropped").map((m) => ({ ...m, impact: i })));
  const recent = published.length
    ? new Set(
        (
          await db<{ id: string }[]>`
            select id from mitigations where id = any(${published.map((m) => m.id)}::uuid[])
              and (created_at >= ${c.openedAt} or updated_at between ${c.openedAt} and ${until})`
        ).map((r) => r.id),
      )
    : new Set<string>();
  return {
    before: before ?? null,
    after,
    newHarms: impacts.filter((i) => newHarmIds.has(i.id)).map((i) => ({ id: i.id, number: i.number, title: i.title })),
    ratingsChanged: changes.filter((r) => r.changed).length,
    mitigationsAdopted: published
      .filter((m) => recent.has(m.id))
      .map((m) => ({ id: m.id, impactId: m.impact.id, impactNumber: m.impact.number, level: m.level, description: m.description, isCondition: m.isCondition })),
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** `/c/<slug>/report.json` (schema in docs/report.schema.json): the report as open data, no author data. */
export function reportJson(r: ConsultationReport, translated?: (row: ReportResponseRow) => AnswerTranslations) {
  const c = r.consultation;
  return {
    consultation: {
      slug: c.slug,
      title: c.title,
      lang: c.lang,
      status: c.status,
      deployment: c.deploymentSlug,
      openedAt: iso(c.openedAt),
      closesAt: c.closesAt ? iso(c.closesAt) : null,
    },
    generatedAt: iso(r.generatedAt),
    suppression: { min: MIN_COUNT, rule: SUPPRESSION_RULE },
    participation: r.participation,
    themes: r.themes,
    responses: {
      coverage: r.responses.coverage,
      byDecision: r.responses.byDecision,
      rows: r.responses.rows.map((row) => ({
        inputId: row.inputId,
        excerpt: row.excerpt,
        inputLang: row.inputLang,
        decision: row.decision,
        reason: row.reason,
        lang: row.lang,
        respondedAt: iso(row.respondedAt),
        impactIds: row.impacts.map((m) => m.id),
        ...translated?.(row),
      })),
      truncated: r.responses.truncated,
      more: r.responses.truncated ? `/c/${c.slug}/responses.json` : null,
    },
    assessment: r.assessment
      ? {
          deployment: c.deploymentSlug,
          before: versionJson(r.assessment.before),
          after: versionJson(r.assessment.after),
          conclusionChanged: !!r.assessment.after && !!r.assessment.before && r.assessment.before.conclusion !== r.assessment.after.conclusion,
          newHarms: r.assessment.newHarms,
          ratingsChanged: r.assessment.ratingsChanged,
          mitigationsAdopted: r.assessment.mitigationsAdopted,
        }
      : null,
  };
}

function versionJson(v: VersionRef | null) {
  return v ? { version: v.version, conclusion: v.conclusion, publishedAt: iso(v.publishedAt) } : null;
}

/** The rule in words, in report.json, so a reader of the data knows what a null means. */
const SUPPRESSION_RULE =
  `Counts from 1 to ${MIN_COUNT - 1} are not shown (value null, suppressed true); zero is shown. Where the cells of a table add up ` +
  `to a shown total, more cells are hidden, smallest first, until each hidden cell could be any count from 1 to ${MIN_COUNT - 1} ` +
  `whatever is subtracted; if even that is not enough, the total is hidden too. Subtotals are shown only when every cell under them is.`;
