import { sql as pool, type Db, type Sql } from "../../../db/client";
import { boardChanged } from "~/lib/board-events.server";

/**
 * Everything held about a person (000 §57(n); 001 §66(f)): the account, each participation with its
 * consent, and every input they wrote. Bounded: a person with more than 5,000 inputs gets the newest.
 */
export async function exportAccountData(userId: string, db: Db = pool) {
  const [account] = await db`
    select kind, display_name, email, preferred_lang, created_at from users where id = ${userId}`;
  const participations = await db`
    select c.slug as consultation, p.pseudonym, p.organisation, p.consent_version, p.consented_at,
      array(select g.name from participation_groups pg join target_groups g on g.id = pg.target_group_id
            where pg.participation_id = p.id order by g.position) as self_identified_groups
    from participations p join consultations c on c.id = p.consultation_id
    where p.user_id = ${userId} order by p.created_at limit 1000`;
  const inputs = await db`
    select c.slug as consultation, i.id, i.kind, i.parent_id, i.section_ref, i.lang, i.body, i.concerns,
      i.proposed_mitigation, i.choices, i.sev_scale, i.sev_scope, i.sev_reversibility, i.sev_likelihood,
      i.attribution, i.status, i.created_at
    from inputs i join participations p on p.id = i.participation_id join consultations c on c.id = i.consultation_id
    where p.user_id = ${userId} order by i.created_at desc limit 5000`;
  const groups = await db`
    select c.slug as consultation, g.name, g.kind, m.role, m.joined_at
    from group_members m join participations p on p.id = m.participation_id join groups g on g.id = m.group_id
    join consultations c on c.id = g.consultation_id
    where p.user_id = ${userId} order by m.joined_at limit 1000`;
  return { exportedAt: new Date().toISOString(), account, participations, groups, inputs };
}

/**
 * Deletes the account, its sessions, email, pseudonyms and consents in one transaction. Published inputs
 * stay, shown as from "a withdrawn participant" (their author link is cut), unless `withdrawInputs`: then
 * their text is removed too and they show as withdrawn, so replies to them still make sense.
 */
export async function deleteAccount(input: { userId: string; withdrawInputs: boolean }, db: Sql = pool): Promise<void> {
  // Their inputs on live boards change author ("a withdrawn participant") or text: told after commit.
  const touched = await db<{ id: string; consultationId: string }[]>`
    select i.id, i.consultation_id from inputs i join participations p on p.id = i.participation_id where p.user_id = ${input.userId} limit 5000`;
  await db.begin(async (tx) => {
    if (input.withdrawInputs) {
      await tx`
        update inputs set status = 'withdrawn', body = '-', proposed_mitigation = '', concerns = '{}', choices = '{}',
          sev_scale = null, sev_scope = null, sev_reversibility = null, sev_likelihood = null, affected_groups = '{}',
          hidden_reason = null, hidden_note = ''
        where participation_id in (select id from participations where user_id = ${input.userId})`;
    }
    // Participations cascade from the user; inputs keep existing with participation_id set to null.
    await tx`delete from users where id = ${input.userId}`;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (null, 'delete_account', 'user', ${input.userId}, ${tx.json({ withdrawInputs: input.withdrawInputs })})`;
  });
  for (const consultationId of new Set(touched.map((r) => r.consultationId))) {
    boardChanged({ consultationId, inputIds: touched.filter((r) => r.consultationId === consultationId).map((r) => r.id) });
  }
}
