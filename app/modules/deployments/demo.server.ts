import { sql as pool, type Sql } from "../../../db/client";
import { addAttachment } from "./attachments.server";
import { publishDossier, saveDraft } from "./deployments.server";
import { DossierSchema, type Dossier } from "./schema";

// A fictional government and system, realistic in every detail (DESIGN.md contract "demo"): an
// eligibility and fraud-risk scorer for a cash-transfer programme, the kind of high-risk public-sector
// system 001 §16 and 003 pt2 single out.
export const DEMO_ORGANISATION = "Ministry of Social Protection, Republic of Kalindi (fictional)";

const PURPOSE =
  "The Ministry plans to use a statistical model to rank new applications to the Household Cash Transfer " +
  "programme by predicted eligibility, and to flag about 4% of applications for a manual fraud review. " +
  "The aim is to cut the average decision time from 94 days to under 30 for the 1.2 million households " +
  "who apply each year. Caseworkers would still sign every decision; the model would decide the order in " +
  "which applications are examined and which ones are checked more closely.";

/** Version 1: the dossier as first published, at the procurement stage. */
function firstVersion(): Dossier {
  return DossierSchema.parse({
    identity: {
      name: "Household Benefit Eligibility Scoring (HBES)",
      contact: "hbes-consultation@social-protection.kalindi.example",
      responsibleOffice: "Directorate of Cash Transfers, Ministry of Social Protection, Plot 14 Uhuru Road, Kalindi City",
      legalBasis: "Social Assistance Act 2019, section 22 (eligibility assessment) and the Data Protection Act 2021, section 35 (automated processing with human review).",
      sector: "social_protection",
      lifecycleStage: "procurement",
      status: "planned",
      plannedStart: "2027-07-01",
      plannedEnd: "2030-06-30",
    },
    purpose: {
      purpose: PURPOSE,
      objectives: "Decide eligible applications within 30 days; reduce payments made in error by a third; give caseworkers more time for complex cases.",
      uses: "Ordering the queue of new applications; flagging applications for a second check before payment; monthly reports on regional backlogs.",
      misuses: "Using the score to refuse an application without a caseworker's assessment; sharing scores with the police or tax authority; re-scoring existing recipients to cut them off.",
      benefits: "Applicants with complete files would be paid sooner. Caseworkers would spend less time on clear cases. The Ministry expects to save about 6% of administration costs.",
      affectedGroups: [
        "Households applying for cash transfers",
        "Women heads of household (62% of applicants)",
        "People with disabilities and their carers",
        "Informal workers with irregular income",
        "Rural households far from a district office",
        "Refugees and people without a national ID card",
        "Caseworkers and district staff",
      ],
      mostImpacted: "Households without stable documentation (refugees, people without an ID card, informal workers), because missing or inconsistent records may look like fraud risk to the model.",
    },
    system: {
      does: "Gives each new application a priority score (0-100) and a flag when the pattern of answers resembles past cases found to be in error or fraudulent.",
      doesNot: "Does not decide eligibility, refuse applications, set payment amounts or re-assess current recipients.",
      capabilities: "Reads the application form, the household register and payment history. Produces a score, the five factors that weighed most, and a flag.",
      limitations: "Trained on 2016-2023 decisions, which reflect past caseworker practice, including its mistakes. It cannot see circumstances not recorded in the forms (illness, displacement, seasonal work).",
      failureModes: "Over-flagging households whose income varies by season; under-ranking applications with missing fields; drift when the programme's rules change.",
      accuracy: "Vendor's claim: 87% of flagged applications in a 2023 back-test had a confirmed error. Not yet tested by the Ministry.",
      accuracyByGroup: "Not yet measured. The tender requires error rates per region, sex of household head, disability status and nationality before any pilot.",
      humanOversight: "A caseworker examines every application and signs every decision. Flags must be cleared by a second caseworker who can see the reasons. Caseworkers can record disagreement with the score.",
      decisionsFed: "Order of examination; whether a second check happens before the first payment.",
      model: "Gradient-boosted decision trees (vendor's proposal), retrained yearly.",
    },
    data: {
      sources: "Application forms (2016-2023), the National Household Register, payment records, outcomes of past fraud investigations.",
      provenance: "Collected by the Ministry for administering benefits; fraud outcomes from the Ministry's own investigation unit. No data bought from brokers.",
      personalData: "Name, national ID or refugee number, household members and ages, income declarations, disability status, location, bank or mobile-money account.",
      representativeness: "Rural districts and refugee settlements are under-represented before 2020 because applications were on paper and only partly digitised.",
      retention: "Training data kept for the life of the model plus two years; scores kept with the case file for seven years.",
      sharing: "Shared with the vendor only inside the Ministry's data centre under contract; not shared with other agencies.",
    },
    testing: [
      { kind: "realisticTest", date: "2025-11-20", method: "Vendor back-test on 2023 applications held out from training.", result: "87% precision for flags, as claimed by the vendor; recall not reported.", link: "" },
    ],
    procurement: {
      vendor: "Northbridge Analytics Ltd (fictional)",
      checks: {
        vendorDocumentation: { done: true, evidence: "Model card and data sheet supplied with the tender (annex C)." },
        dataProvenance: { done: true, evidence: "Training data comes only from Ministry systems; confirmed in the data protection impact assessment." },
        claimsTested: { done: false, evidence: "The accuracy claim will be tested by the national statistics office before award." },
        labourRights: { done: false, evidence: "" },
        dataRights: { done: true, evidence: "The contract forbids reuse of Ministry data and requires deletion at the end of the contract." },
        auditAccess: { done: false, evidence: "Under negotiation: independent audit access to the model and its logs." },
        postAwardMonitoring: { done: false, evidence: "" },
      },
    },
    risk: {
      highRiskAreas: ["welfare"],
      redLines: ["fullyAutomatedDenial", "socialScoring"],
      otherRedLines: ["Scores are never shared with the police, immigration or tax authorities."],
    },
    remedy: {
      responsibleEntity: "Office of the Social Assistance Ombudsperson",
      process: "Any applicant can ask for a full human review of their case and for the reasons behind a flag, at a district office, by phone (free line 0800 100 200) or by SMS. Complaints about the system go to the Ombudsperson.",
      deadlines: "A review is answered within 15 working days; the Ombudsperson answers within 30 days.",
      optOut: "Applicants may ask for their application to be examined in arrival order without a score; this does not delay it.",
    },
  });
}

/** Version 2: after the statistics office tested the vendor's claims and a bias audit was done. */
function secondVersion(): Dossier {
  const d = firstVersion();
  d.system.accuracy = "Tested by the National Bureau of Statistics in 2026: 71% of flagged applications had a confirmed error (the vendor claimed 87%).";
  d.system.accuracyByGroup = "Flags were 2.3 times as frequent for refugee households and 1.6 times for households with irregular income, at similar error rates. See the bias audit.";
  d.system.model = "Gradient-boosted decision trees, retrained yearly; nationality and refugee status removed as inputs after the bias audit.";
  d.testing.push({
    kind: "biasAudit",
    date: "2026-09-15",
    grounds: ["ethnicity", "gender", "disability", "other"],
    method: "Independent audit by the Kalindi University Data Justice Lab on 40,000 held-out applications, with error rates by sex of household head, disability, region and nationality.",
    result: "Refugee households were flagged 2.3 times as often with no higher error rate; removing nationality as an input halved the gap. No significant gap by sex of household head.",
    link: "",
  });
  d.procurement.checks.claimsTested = { done: true, evidence: "National Bureau of Statistics test report, August 2026: precision 71%, not 87%." };
  d.procurement.checks.auditAccess = { done: true, evidence: "Contract clause 14: independent audit access to the model, its inputs and logs, twice a year." };
  return d;
}

/**
 * Inserts the demo organisation and deployment and publishes its two dossier versions, each step only
 * when missing, so a second run changes nothing. Returns the ids the other demo seeds need.
 */
export async function seedDemoDeployment(db: Sql = pool): Promise<{ organisationId: string; deploymentId: string }> {
  await db`insert into organisations (name) values (${DEMO_ORGANISATION}) on conflict (name) do nothing`;
  const [org] = await db<{ id: string }[]>`select id from organisations where name = ${DEMO_ORGANISATION}`;
  await db`
    insert into deployments (slug, organisation_id, name, purpose, sector, lifecycle_stage, high_risk, status, lang)
    values ('demo', ${org.id}, 'Household Benefit Eligibility Scoring (HBES)', ${PURPOSE}, 'social_protection', 'procurement', true, 'draft', 'en')
    on conflict (slug) do nothing`;
  const [deployment] = await db<{ id: string; publishedVersion: number | null }[]>`select id, published_version from deployments where slug = 'demo'`;
  const published = deployment.publishedVersion ?? 0;
  if (published < 1) {
    await saveDraft({ deploymentId: deployment.id, dossier: firstVersion(), actorId: null }, db);
    await publishDossier({ deploymentId: deployment.id, changeSummary: "First publication, before the contract is awarded.", actorId: null }, db);
  }
  if (published < 2) {
    await saveDraft({ deploymentId: deployment.id, dossier: secondVersion(), actorId: null }, db);
    await publishDossier(
      { deploymentId: deployment.id, changeSummary: "Results of the independent test of the vendor's accuracy claim and of the bias audit; nationality removed as a model input.", actorId: null },
      db,
    );
  }
  const [hasDocument] = await db`select 1 from attachments where deployment_id = ${deployment.id} limit 1`;
  if (!hasDocument) {
    await addAttachment(
      { deploymentId: deployment.id, title: "Bias audit 2026: flag rates by group (summary table)", filename: "hbes-bias-audit-2026-summary.csv", bytes: new TextEncoder().encode(AUDIT_CSV), actorId: null },
      db,
    );
  }
  return { organisationId: org.id, deploymentId: deployment.id };
}

const AUDIT_CSV = [
  "group,applications,flagged,flag_rate,confirmed_error_rate_among_flagged",
  "all applicants,40000,1640,4.1%,71%",
  "refugee households,2300,217,9.4%,69%",
  "national ID holders,37700,1423,3.8%,71%",
  "irregular income,9100,590,6.5%,70%",
  "regular income,30900,1050,3.4%,72%",
  "woman head of household,24800,1010,4.1%,71%",
  "man head of household,15200,630,4.1%,70%",
  "household with a disabled member,5200,226,4.3%,72%",
  "",
].join("\n");

