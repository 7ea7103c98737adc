import type { Db } from "../../../db/client";

/** Inserts the open demo consultation on the demo deployment when missing. Idempotent. */
export async function seedDemoConsultation(input: { deploymentId: string }, db: Db): Promise<{ consultationId: string }> {
  await db`
    insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, lang, status, opens_at, closes_at, default_attribution)
    values (
      'demo', ${input.deploymentId}, 'procurement',
      'Should the Ministry use automated scoring to decide who receives household cash transfers?',
      ${"Before it signs a contract, the Ministry of Social Protection asks the people who apply for cash " +
        "transfers, the caseworkers who handle them, and the organisations that help applicants: what could " +
        "go wrong with automated eligibility scoring, who would it hurt most, and what safeguards must come " +
        "first? Every comment receives a public answer, and the human-rights impact assessment will be " +
        "updated with what you tell us before any go or no-go decision."},
      'en', 'open', now() - interval '10 days', now() + interval '90 days', 'pseudonymous')
    on conflict (slug) do nothing`;
  const [row] = await db<{ id: string }[]>`select id from consultations where slug = 'demo'`;
  await seedDemoSettings({ consultationId: row.id }, db);
  return { consultationId: row.id };
}

const MODERATION_POLICY = [
  "Comments stay public unless they break one of these rules:",
  "- They give personal data of someone else (a name with an address, a case number, a health condition).",
  "- They threaten anyone or call for violence.",
  "- They attack people for who they are.",
  "- They advertise something or are not about this consultation.",
  "A moderator who hides a comment says so on the board, with the rule it broke. The words stay on record. " +
    "To ask for a review, write to the consultation team or call the free line; a different moderator decides.",
].join("\n");

const TARGET_GROUPS = [
  ["Households who apply for the cash transfer", "District offices, the free line, radio call-ins in Swahili and French; paper forms at payment points."],
  ["Refugee households", "Through the Refugee Legal Aid Network and camp committees; interpreters at two workshops."],
  ["People with disabilities", "Kalindi Disability Forum; easy-read briefing, sign-language interpreter at workshops."],
  ["Caseworkers", "Through their union branches; meetings in working hours agreed with the Ministry."],
] as const;

/** The demo consultation's settings, target groups included, when they were never set. Idempotent. */
async function seedDemoSettings(input: { consultationId: string }, db: Db): Promise<void> {
  await db`
    update consultations set time_zone = 'Africa/Nairobi', languages = ${["en", "fr", "ar", "sw"]}, allow_unreviewed_languages = true, moderation_policy = ${MODERATION_POLICY}
    where id = ${input.consultationId} and moderation_policy = ''`;
  const [existing] = await db`select 1 from target_groups where consultation_id = ${input.consultationId} limit 1`;
  if (existing) return;
  for (const [i, [name, notes]] of TARGET_GROUPS.entries()) {
    await db`insert into target_groups (consultation_id, position, name, outreach_notes) values (${input.consultationId}, ${i}, ${name}, ${notes})`;
  }
}
