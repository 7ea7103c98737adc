import type { Db } from "../../../db/client";
import { CONSENT_VERSION, isAcceptingInput, type ConsultationSummary } from "../consultations/consultations.server";
import { addInput } from "../inputs/inputs.server";
import { contentHash, newInviteCode } from "./groups.server";
import type { DraftSection } from "./schema";

// The demo's union joint submission (DESIGN.md contract "demo"; issue #5): a caseworkers' union branch
// co-drafts one position, three members endorse it, and it is on the board in the union's name.

const UNION = "Public Service Workers' Union, Kalindi Social Protection Branch";
const MEMBERS = ["Grace N.", "Peter O."];
const TITLE = "Caseworkers' joint position on automated eligibility scoring";
const SECTIONS: { heading: string; ref: string | null; body: string }[] = [
  {
    heading: "A caseworker's decision must stay a decision",
    ref: "question:Q3",
    body:
      "Our members handle 120 files a week. When a queue is long, a score becomes the decision unless the Ministry says, in writing, " +
      "that it is only one piece of information. We ask that the staff instructions say that no caseworker is assessed on how often " +
      "they agree with the score, that disagreeing needs no extra paperwork, and that the number of overrides is published every quarter.",
  },
  {
    heading: "Training and time before any pilot",
    ref: null,
    body:
      "Every caseworker in the two pilot districts must be trained on what the score can and cannot tell, in working hours, before the pilot starts. " +
      "The pilot must not come with a cut in staff: if the system saves time, that time goes to applicants with difficult files, not to fewer posts.",
  },
];

/** Inserts the union, its members, its endorsed draft and its submitted version when missing. Idempotent. */
export async function seedDemoGroup(input: { consultation: Pick<ConsultationSummary, "id" | "status" | "opensAt" | "closesAt" | "lang"> }, db: Db): Promise<void> {
  const consultationId = input.consultation.id;
  // A demo consultation someone has closed takes no new input, the union's neither.
  if (!isAcceptingInput(input.consultation)) return;
  const [existing] = await db`select 1 from groups where consultation_id = ${consultationId} and name = ${UNION}`;
  if (existing) return;
  const [branch] = await db<{ id: string }[]>`
    select id from participations where consultation_id = ${consultationId} and pseudonym = 'Caseworkers'' Union Branch 7'`;
  if (!branch) return;
  const members = [branch.id];
  for (const pseudonym of MEMBERS) {
    const [user] = await db<{ id: string }[]>`insert into users (kind, display_name) values ('participant', ${pseudonym}) returning id`;
    const [p] = await db<{ id: string }[]>`
      insert into participations (consultation_id, user_id, pseudonym, consent_version, organisation)
      values (${consultationId}, ${user.id}, ${pseudonym}, ${CONSENT_VERSION}, ${UNION}) returning id`;
    members.push(p.id);
  }
  const [group] = await db<{ id: string }[]>`
    insert into groups (consultation_id, name, kind, invite_code, created_by)
    values (${consultationId}, ${UNION}, 'union', ${newInviteCode()}, ${branch.id}) returning id`;
  for (const [i, member] of members.entries()) {
    await db`insert into group_members (group_id, participation_id, role) values (${group.id}, ${member}, ${i === 0 ? "coordinator" : "member"})`;
  }
  const sections: DraftSection[] = SECTIONS.map((s) => ({ heading: s.heading, body: s.body, sectionRef: s.ref }));
  const hash = contentHash({ title: TITLE, sections });
  const [draft] = await db<{ id: string }[]>`
    insert into joint_drafts (group_id, title, sections, revision, content_hash, updated_by)
    values (${group.id}, ${TITLE}, ${db.json(sections as never)}, 4, ${hash}, ${members[1]}) returning id`;
  for (const member of members) {
    await db`insert into draft_endorsements (draft_id, participation_id, content_hash) values (${draft.id}, ${member}, ${hash})`;
  }
  const [submission] = await db<{ id: string }[]>`
    insert into joint_submissions (group_id, version, title, content_hash, submitted_by, endorsements, members, submitted_at)
    values (${group.id}, 1, ${TITLE}, ${hash}, ${branch.id}, ${members.length}, ${members.length}, now() - interval '1 day') returning id`;
  for (const [i, s] of sections.entries()) {
    const added = await addInput(
      {
        consultation: input.consultation,
        submissionId: submission.id,
        body: `${s.heading}\n\n${s.body}`,
        sectionRef: s.sectionRef ?? undefined,
        lang: "en",
        concerns: i === 0 ? ["work", "accuracy"] : ["work"],
        proposedMitigation: "",
        attribution: "named",
        idempotencyKey: `demo-joint-${i}`,
      },
      db,
    );
    if (!added.ok) throw new Error(`demo joint submission refused: ${added.error}`);
  }
}
