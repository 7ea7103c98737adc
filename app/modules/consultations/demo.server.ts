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
  return { consultationId: row.id };
}
