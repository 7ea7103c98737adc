import { sql as pool, type Sql } from "../../../db/client";
import {
  addEvidence,
  addIndicator,
  addMitigation,
  approveAndPublish,
  createImpact,
  linkInputs,
  openAssessment,
  saveSection,
  setDecision,
  submitForApproval,
  type AssessmentHead,
} from "./assessment.server";
import type { SectionKey } from "./constants";
import type { ImpactFields } from "./schema";

// The demo's published impact assessment (DESIGN.md contract "demo": "a published assessment version whose
// impacts link to those inputs"). Written through the same functions staff use, by a demo analyst and
// approved by a demo lead (accounts that cannot sign in), so the demo shows real provenance.

const SECTIONS: Record<SectionKey, string> = {
  purpose_context:
    "The Ministry of Social Protection wants to process Household Benefit applications faster. The system gives each application a risk score; applications above the threshold are checked twice by a caseworker before payment. It never decides an application on its own. About 410,000 households apply each year; one in twelve is flagged.",
  uses_misuses:
    "Intended use: choosing which applications get a second check. Foreseeable misuse: caseworkers under time pressure following the score instead of checking; managers judging staff by how often they agree with it; the score being reused by other agencies. Contract and staff instructions forbid the last two; the first is the main risk this assessment works on.",
  benefits:
    "Faster payments for most households (the pilot cut the median wait from 41 to 23 days), and caseworkers' time moved from routine files to the cases that need it.",
  failure_modes:
    "False flags delay payments for households who did nothing wrong; the delay falls on the poorest first. Spelling differences between forms, seasonal income and missing national ID cards look like fraud to the model. A flagged household may not know why, or that it can ask for a review.",
  impacted_groups:
    "Refugee households (flagged 2.3 times as often), households with seasonal or irregular income, people without a national ID card, people with disabilities who cannot use the phone line or SMS, and caseworkers whose judgement the score may replace.",
  data_quality:
    "Training data: applications 2016-2023 and fraud investigation outcomes. Rural districts and refugee settlements are under-represented before 2020 (paper forms). Past investigations targeted refugee files more often, so the labels carry that bias.",
  testing:
    "The National Bureau of Statistics tested the vendor's claim on held-out 2023 applications: 71% of flags had a confirmed error, not 87%. A six-month pilot in two districts is planned, with every flag reviewed in full.",
  bias_audits:
    "Independent audit by the Kalindi University Data Justice Lab (September 2026) on 40,000 applications: refugee households flagged 2.3 times as often at similar error rates; removing nationality halved the gap; no significant gap by sex of household head. A re-test per group is a condition before the pilot.",
};

const EVIDENCE: { key: SectionKey; source: string; dated: string }[] = [
  { key: "testing", source: "National Bureau of Statistics, test report on the vendor's accuracy claim", dated: "2026-08-28" },
  { key: "bias_audits", source: "Kalindi University Data Justice Lab, bias audit of the eligibility score", dated: "2026-09-15" },
  { key: "data_quality", source: "Ministry data protection impact assessment, annex B (training data)", dated: "2026-03-02" },
];

const rated = (r: [number, number, number, number], why: [string, string, string, string]) => ({
  scale: r[0], scope: r[1], reversibility: r[2], likelihood: r[3],
  rationaleScale: why[0], rationaleScope: why[1], rationaleReversibility: why[2], rationaleLikelihood: why[3],
});

/** Demo impacts: each with the demo inputs (by idempotency key) that raised or support it. */
const IMPACTS: { fields: Omit<ImpactFields, "causedBy" | "groupIds">; groups: number[]; from: string; corroborate: string[]; mitigations: { level: string; description: string; owner: string; isCondition: boolean; status?: string; source?: string }[] }[] = [
  {
    fields: {
      title: "Refugee households flagged more often and paid later",
      description: "The refugee number reveals nationality even after nationality was removed as an input, so refugee households keep being flagged more often and wait longer for payment.",
      rights: ["non_discrimination", "social_security", "movement_asylum"],
      ...rated([3, 3, 2, 4], [
        "A flag delays the household's only regular income by weeks.",
        "Every refugee household applying; about 18,000 a year.",
        "Late payment can be repaid, but debts and missed school fees in the meantime cannot.",
        "The bias audit measured it: 2.3 times as often.",
      ]),
      residualScale: null, residualScope: null, residualReversibility: null, residualLikelihood: null, residualRationale: "",
      redLine: null, status: "open", closedReason: "",
    },
    groups: [1],
    from: "demo-comment-3",
    corroborate: ["demo-reply-1"],
    mitigations: [
      { level: "reduce", description: "Independent re-test per group before the pilot, published in full; the pilot does not start if any group is flagged more than 1.25 times as often.", owner: "Ministry data protection officer", isCondition: true, source: "demo-comment-3" },
    ],
  },
  {
    fields: {
      title: "Messy papers and seasonal income read as fraud",
      description: "Names spelled differently on two forms, missing national ID cards and income that changes with the harvest look like fraud to the model.",
      rights: ["social_security", "non_discrimination", "child_rights"],
      ...rated([3, 4, 2, 3], [
        "Payments delayed for months; children kept out of school.",
        "Rural households, older people without ID, farm workers: a large share of applicants.",
        "Delays can be made good, with back-payment, if caught.",
        "Heard in the Mbale workshop and from individual applicants.",
      ]),
      residualScale: null, residualScope: null, residualReversibility: null, residualLikelihood: null, residualRationale: "",
      redLine: null, status: "open", closedReason: "",
    },
    groups: [0],
    from: "demo-comment-0",
    corroborate: ["demo-comment-2", "demo-offline-0", "demo-reply-0"],
    mitigations: [
      { level: "avoid", description: "Caseworkers correct spelling differences and missing ID before any score is given.", owner: "Director of Benefits Operations", isCondition: true, source: "demo-comment-0" },
    ],
  },
  {
    fields: {
      title: "Caseworkers pushed to follow the score",
      description: "Under time pressure, the second check becomes a formality; staff who disagree with the score may be judged for it, and the human review becomes automated denial in practice.",
      rights: ["work", "effective_remedy", "social_security"],
      ...rated([3, 2, 3, 2], [
        "An unchecked flag becomes a denial without a real review.",
        "Caseworkers in all 14 districts, and the households they handle.",
        "A decision taken on the score alone is hard to undo once payment has stopped.",
        "Happens where queues are long; the union reports it already in other programmes.",
      ]),
      residualScale: 2, residualScope: 2, residualReversibility: 2, residualLikelihood: 1,
      residualRationale: "With the written guarantee and published override counts, following the score blindly becomes visible and rare.",
      redLine: "fullyAutomatedDenial", status: "closed",
      closedReason: "Staff instructions now require a written reason for every decision on a flagged file, and override counts are published quarterly; the union confirmed the wording.",
    },
    groups: [3],
    from: "demo-comment-1",
    corroborate: [],
    mitigations: [
      { level: "avoid", description: "Written guarantee in the staff instructions that no caseworker is judged on agreeing with the system; quarterly publication of override counts.", owner: "Permanent Secretary", isCondition: true, status: "done", source: "demo-comment-1" },
    ],
  },
  {
    fields: {
      title: "People do not know they can opt out or ask for a review",
      description: "Without information in their language, on radio and at district offices, people cannot use the right to be examined without a score or to a review; people who cannot use phone or SMS cannot ask for one at all.",
      rights: ["effective_remedy", "information", "disability_rights"],
      ...rated([2, 3, 2, 3], [
        "Losing a remedy one is entitled to.",
        "Most applicants, by the radio call-in and the Mbale workshop.",
        "Can be put right by telling people and reopening reviews.",
        "Most callers did not know.",
      ]),
      residualScale: null, residualScope: null, residualReversibility: null, residualLikelihood: null, residualRationale: "",
      redLine: null, status: "open", closedReason: "",
    },
    groups: [0, 2],
    from: "demo-comment-4",
    corroborate: ["demo-offline-1", "demo-comment-5"],
    mitigations: [
      { level: "reduce", description: "Announce the opt-out and the review on radio and at district offices in Swahili, French and Arabic; print it on the form.", owner: "Communications unit", isCondition: true, source: "demo-comment-4" },
      { level: "restore", description: "Reviews in person with a sign-language interpreter; the 15-day deadline starts when the person has been reached.", owner: "Office of the Social Assistance Ombudsperson", isCondition: false, source: "demo-comment-5" },
    ],
  },
];

const JUSTIFICATION =
  "The system may proceed to a six-month pilot in two districts only with the conditions below in place: the per-group re-test, corrections before scoring, and information about opting out and reviews in the languages people speak. The red line on fully automated denial is kept by the staff instructions agreed with the caseworkers' union. The consultation added two harms and changed the conclusion from proceed to proceed with conditions.";

async function demoStaff(db: Sql, organisationId: string, email: string, name: string, role: string): Promise<string> {
  await db`insert into users (kind, display_name, email, status) values ('staff', ${name}, ${email}, 'disabled') on conflict (email) do nothing`;
  const [user] = await db<{ id: string }[]>`select id from users where email = ${email}`;
  await db`insert into role_assignments (user_id, role, organisation_id) values (${user.id}, ${role}, ${organisationId}) on conflict do nothing`;
  return user.id;
}

function must<T extends { ok: boolean }>(result: T, step: string): T {
  if (!result.ok) throw new Error(`demo assessment: ${step} refused (${(result as unknown as { error: string }).error})`);
  return result;
}

/** Writes and publishes the demo assessment once; a second run finds version 1 and changes nothing. */
export async function seedDemoAssessment(input: { slug: string; organisationId: string; consultationId: string }, db: Sql = pool): Promise<void> {
  const head: AssessmentHead = await openAssessment({ slug: input.slug }, db);
  const [published] = await db`select 1 from assessment_versions where assessment_id = ${head.id} limit 1`;
  if (published) return;
  // An interrupted run leaves impacts behind: start the working copy again from nothing.
  await db`delete from impacts where assessment_id = ${head.id}`;
  await db`delete from assessment_evidence where assessment_id = ${head.id}`;
  await db`update assessments set status = 'analysis', conclusion = null, justification = '', submitted_by = null where id = ${head.id}`;
  const analyst = await demoStaff(db, input.organisationId, "analyst@demo.invalid", "Demo analyst (Ministry of Social Protection)", "analyst");
  const lead = await demoStaff(db, input.organisationId, "lead@demo.invalid", "Demo consultation lead (Ministry of Social Protection)", "consultation_lead");

  const inputs = new Map(
    (await db<{ id: string; idempotencyKey: string }[]>`select id, idempotency_key from inputs where consultation_id = ${input.consultationId} and idempotency_key like 'demo-%'`).map((r) => [r.idempotencyKey, r.id]),
  );
  const groups = (await db<{ id: string }[]>`select id from target_groups where consultation_id = ${input.consultationId} order by position`).map((g) => g.id);
  const id = (key: string) => {
    const found = inputs.get(key);
    if (!found) throw new Error(`demo assessment: no demo input ${key}`);
    return found;
  };

  for (const key of Object.keys(SECTIONS) as SectionKey[]) {
    const [s] = await db<{ revision: number }[]>`select revision from assessment_sections where assessment_id = ${head.id} and key = ${key}`;
    must(await saveSection({ assessmentId: head.id, key, body: SECTIONS[key], revision: s.revision, actorId: analyst }, db), `section ${key}`);
  }
  for (const e of EVIDENCE) must(await addEvidence({ assessmentId: head.id, sectionKey: e.key, source: e.source, dated: e.dated, actorId: analyst }, db), "evidence");
  for (const impact of IMPACTS) {
    const fields: ImpactFields = { ...impact.fields, groupIds: impact.groups.map((g) => groups[g]).filter(Boolean), causedBy: [] };
    const created = must(await createImpact({ head, fields, fromInputId: id(impact.from), actorId: analyst }, db), impact.fields.title);
    if (!created.ok) continue;
    if (impact.corroborate.length) {
      must(await linkInputs({ head, inputIds: impact.corroborate.map(id), kind: "corroborates", impactId: created.id, note: "", actorId: analyst }, db), "link");
    }
    for (const m of impact.mitigations) {
      must(await addMitigation({ head, impactId: created.id, fields: { ...m, sourceInputId: m.source ? id(m.source) : undefined }, actorId: analyst }, db), "mitigation");
      if (m.status) await db`update mitigations set status = ${m.status} where impact_id = ${created.id} and description = ${m.description}`;
    }
  }
  const [a] = await db<{ revision: number }[]>`select revision from assessments where id = ${head.id}`;
  must(await setDecision({ head, conclusion: "proceed_with_conditions", justification: JUSTIFICATION, revision: a.revision, actorId: analyst }, db), "decision");
  must(await submitForApproval({ head, actorId: analyst }, db), "submit");
  must(await approveAndPublish({ head, actorId: lead }, db), "approve");
  await addIndicator({ head, name: "Share of flags overturned on review", unit: "%", direction: "above", threshold: 35, cadenceDays: 30, actorId: lead }, db);
  await addIndicator({ head, name: "Refugee households flagged, relative to others", unit: "×", direction: "above", threshold: 1.25, cadenceDays: 90, actorId: lead }, db);
}
